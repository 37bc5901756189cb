"""Feature visualisation and dataset examples: what excites each channel of each branch.

An image optimised to excite a channel (:mod:`.visualize`, on the eager model: it needs
gradients with respect to the input), the images of a folder that excite it most
(:mod:`.examples`, a forward-only pass on the fastest PyTorch copy) and the strongest
channels at one spot of one image (:mod:`.dictionary`).  Long jobs are generators with
progress and a cancel token; results are cached on disk keyed by the weights' hash.
"""
