"""Class names: ImageNet's for 1000-class models, a checkpoint's own, a labels file, or ``class N``.

The ImageNet list comes from torchvision's weights metadata (shipped inside torchvision,
so it works offline) rather than a copied file that could drift from the weights.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from googlenet_gui.core.errors import GoogLeNetGuiError

IMAGENET_CLASSES = 1000


@lru_cache(maxsize=1)
def imagenet_categories() -> tuple[str, ...]:
    """The 1000 ImageNet class names in the official weights' index order.

    Read from a copy of torchvision's list shipped with the package (a test keeps them
    equal): importing torchvision for it would add about 1.6 s to the first prediction.
    """
    data = json.loads((Path(__file__).parents[1] / "data" / "imagenet_categories.json").read_text(encoding="utf-8"))
    return tuple(data["categories"])


def generic_names(num_classes: int) -> list[str]:
    """``class 0`` ... for models nobody named the classes of."""
    return [f"class {i}" for i in range(num_classes)]


def read_labels_file(path: str | Path) -> list[str]:
    """One class name per line (UTF-8, BOM and trailing blank lines tolerated)."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GoogLeNetGuiError(f"Labels file {path} does not exist.") from None
    except IsADirectoryError:
        raise GoogLeNetGuiError(f"Labels file {path} is a folder; give a text file with one name per line.") from None
    except UnicodeDecodeError:
        raise GoogLeNetGuiError(f"Labels file {path} is not UTF-8 text; give one class name per line.") from None
    except OSError as error:
        raise GoogLeNetGuiError(f"Labels file {path} cannot be read ({error.strerror or error}).") from None
    names = [line.strip() for line in text.splitlines()]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise GoogLeNetGuiError(f"Labels file {path} is empty; it needs one class name per line.")
    if "" in names:  # a nameless class would shift nothing, but print as an empty answer
        line = names.index("") + 1
        raise GoogLeNetGuiError(f"Labels file {path}: line {line} is blank; every class needs a name.")
    return names


def resolve_class_names(num_classes: int, stored: list[str] | None = None,
                        labels_file: str | Path | None = None) -> tuple[list[str], str]:
    """``(names, where they came from)``; a labels file wins, then the checkpoint, then ImageNet.

    A labels file whose line count differs from the model's classes is an error: silently
    shifted labels would be worse than no labels.  Stored names of the wrong length give
    generic names (``checked_class_names`` warned about them).
    """
    if labels_file is not None:
        names = read_labels_file(labels_file)
        if len(names) != num_classes:
            raise GoogLeNetGuiError(f"Labels file {labels_file} has {len(names)} names but the model has "
                                    f"{num_classes} classes; give exactly one name per class.")
        return names, f"labels file {labels_file}"
    if stored is not None:  # [] or a wrong length: the file's names were refused (and a warning given)
        return (list(stored), "checkpoint") if len(stored) == num_classes else (generic_names(num_classes), "generic")
    if num_classes == IMAGENET_CLASSES:
        return list(imagenet_categories()), "ImageNet"
    return generic_names(num_classes), "generic"
