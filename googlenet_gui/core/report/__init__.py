"""One self-contained HTML report of one image under one model (``File > Export report``, ``report``).

Gathered from the existing core API (:mod:`.contents`), drawn as PNG data URIs
(:mod:`.pictures`) and written as one page with inline CSS and a print stylesheet
(:mod:`.page`): the file opens offline, in any browser, and prints.
"""
