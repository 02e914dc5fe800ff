"""Stanza's models: where they are looked for, which files they are, and loading the pipeline.

The directory is, in order (:func:`resolve_models_dir`): the one given (``--models DIR``), else
``$STANZA_RESOURCES_DIR``, else stanza's own home when it holds models for the language (an online
user's official download), else the model bundled with quotes (``quotes/models/stanza-en``, English),
else stanza's home again, where stanza downloads when online. A directory the user named, and the
bundled one, are never downloaded into: their files are checked against ``resources.json`` first
(:func:`check_models`), so a missing model is one clear paragraph saying where it was looked for and
how to get it, not a traceback from deep inside stanza.

A model is identified by what it is, not where it lies (:func:`describe_model`): the SHA-256 of the
files stanza loads (each processor's model and the pretrained vectors and character models they
depend on). Nothing here imports stanza or torch until a pipeline is loaded, so the identity of a model
can be known cheaply (``quotes extract --parses`` looks stored parses up by it).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
from importlib import metadata
from pathlib import Path
from typing import Any

from attrs import define

from quotes.errors import BackendError, ModelNotFoundError

ENV_VAR = "STANZA_RESOURCES_DIR"
# The English pipeline the project carries (see its README and LICENSE): found beside the package code.
BUNDLED = Path(__file__).resolve().parents[2] / "models" / "stanza-en"
BUNDLED_LANGS = ("en",)
_RESOURCES_VERSION = re.compile(r"""^__resources_version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)
_GET_MODELS = (
    "To get models: online, run python -c \"import stanza; stanza.download('{lang}')\" (they go to "
    "stanza's default directory, or to $STANZA_RESOURCES_DIR when it is set); offline, point --models "
    "DIR or the STANZA_RESOURCES_DIR environment variable at a stanza resource directory (one holding "
    "resources.json and {lang}/<processor>/<model>.pt)."
)


def stanza_home() -> Path:
    """stanza's own model directory (its ``DEFAULT_MODEL_DIR`` without the environment override).

    stanza 1.15 keeps it in the user cache directory of its resources version. Read without importing
    stanza (which imports torch, seconds of start-up): the version is one line of its ``_version.py``,
    and ``platformdirs`` is stanza's own dependency. Another layout falls back to importing stanza.
    """
    spec = importlib.util.find_spec("stanza")
    if spec is None:
        raise BackendError("the stanza parser is not installed; install it with: pip install stanza")
    try:
        from platformdirs import user_cache_dir

        version_file = Path(next(iter(spec.submodule_search_locations or []))) / "_version.py"
        found = _RESOURCES_VERSION.search(version_file.read_text(encoding="utf-8"))
        if found is None:
            raise ValueError(f"no __resources_version__ in {version_file}")
        version = found.group(1)
    except (ImportError, OSError, StopIteration, ValueError):
        from stanza.resources.common import __resources_version__ as version
        from stanza.resources.common import user_cache_dir
    return Path(user_cache_dir("stanza", "StanfordNLP", version)) / "resources"


def holds_language(directory: Path, lang: str) -> bool:
    """Whether ``directory`` is a stanza resource directory with at least one model file for ``lang``."""
    try:
        resources = json.loads((directory / "resources.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(resources, dict) and lang in resources and any((directory / lang).glob("*/*.pt"))


def resolve_models_dir(models_dir: str | Path | None = None, lang: str = "en") -> tuple[Path, str]:
    """Where stanza's models are looked for, and how that was chosen (see the module docstring).

    ``how`` is ``"--models"``, ``"STANZA_RESOURCES_DIR"``, ``"default"`` (stanza's home) or ``"bundled"``.
    """
    if models_dir is not None and str(models_dir) != "":
        return Path(models_dir).expanduser(), "--models"
    env = os.environ.get(ENV_VAR, "")
    if env.strip():
        return Path(env).expanduser(), ENV_VAR
    home = stanza_home()
    if holds_language(home, lang):
        return home, "default"
    if lang in BUNDLED_LANGS and holds_language(BUNDLED, lang):
        return BUNDLED, "bundled"
    return home, "default"  # nothing on this machine: stanza's home, where an online run downloads


def _describe(directory: Path, how: str) -> str:
    return {
        "--models": f"{directory} (given with --models / models_dir)",
        ENV_VAR: f"{directory} (from the {ENV_VAR} environment variable)",
        "default": f"{directory} (stanza's default model directory; neither --models nor {ENV_VAR} was set)",
        "bundled": f"{directory} (the model bundled with quotes; neither --models, {ENV_VAR} nor stanza's "
        "home held models for the language)",
    }[how]


def _expected_files(directory: Path, lang: str, package: str, processors: tuple[str, ...]) -> list[Path]:
    """The model files stanza will load, from resources.json; a processor it does not list is skipped
    when optional (mwt) and otherwise reported through a glob check by the caller."""
    resources_path = directory / "resources.json"
    try:
        resources = json.loads(resources_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelNotFoundError(f"cannot read {resources_path}: {exc}") from exc
    if not isinstance(resources, dict):
        raise ModelNotFoundError(f"{resources_path} is not a stanza resources file (expected a JSON object)")
    lang_res = resources.get(lang)
    if isinstance(lang_res, dict) and "alias" in lang_res:
        lang = lang_res["alias"]
        lang_res = resources.get(lang)
    if not isinstance(lang_res, dict):
        raise ModelNotFoundError(f"{resources_path} has no entry for language {lang!r}")
    packages = lang_res.get("packages", {}) or {}
    if package in packages:
        chosen = packages[package] or {}
    elif package == "default":
        chosen = lang_res.get("default_processors", {}) or {}
    else:
        chosen = {p: package for p in processors if isinstance(lang_res.get(p), dict) and package in lang_res[p]}
    files: list[Path] = []
    for proc in processors:
        model = chosen.get(proc)
        if isinstance(model, list):  # some packages list several models for one processor
            model = model[0] if model else None
        if not isinstance(model, str):
            if proc == "mwt":  # stanza drops mwt for languages without it
                continue
            files.append(directory / lang / proc)  # a directory: the caller looks for any *.pt in it
            continue
        files.append(directory / lang / proc / f"{model}.pt")
        spec = (lang_res.get(proc) or {}).get(model) or {}
        for dep in spec.get("dependencies", []) or []:
            if isinstance(dep, dict) and dep.get("model") and dep.get("package"):
                files.append(directory / lang / dep["model"] / f"{dep['package']}.pt")
    return files


def check_models(directory: Path, how: str, lang: str, package: str, processors: tuple[str, ...]) -> None:
    """Raise :class:`ModelNotFoundError` (one paragraph) unless the model files are where stanza looks."""
    where = _describe(directory, how)
    hint = _GET_MODELS.format(lang=lang)
    missing: Path | None = None
    if not directory.is_dir():
        missing = directory
    elif not (directory / "resources.json").is_file():
        missing = directory / "resources.json"
    else:
        try:
            files = _expected_files(directory, lang, package, processors)
        except ModelNotFoundError as exc:
            raise ModelNotFoundError(f"No usable stanza models in {where}: {exc}. {hint}") from None
        for path in files:
            if path.suffix == ".pt" and not path.is_file():
                missing = path
                break
            if path.suffix != ".pt" and not any(path.glob("*.pt")):
                missing = path / "*.pt"
                break
    if missing is not None:
        raise ModelNotFoundError(f"No stanza models for language {lang!r} in {where}: {missing} does not exist. {hint}")


# sha256 of a model file, by (path, size, mtime): each file is read once per process.
_FILE_HASHES: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    info = path.stat()
    key = (str(path.resolve()), info.st_size, info.st_mtime_ns)
    digest = _FILE_HASHES.get(key)
    if digest is None:
        sha = hashlib.sha256()
        with open(path, "rb") as stream:
            while block := stream.read(1 << 20):
                sha.update(block)
        digest = sha.hexdigest()
        _FILE_HASHES[key] = digest
    return digest


@define(frozen=True)
class ModelChoice:
    """The stanza model a backend uses: where it lies (and how that was chosen) and what it is."""

    directory: Path
    how: str
    lang: str
    package: str
    files: tuple[Path, ...]  # what stanza loads, each once, in processor order (a dependency after its processor)
    sha256: str  # of the files' names (relative to the language directory) and contents

    @property
    def names(self) -> str:
        return " ".join(f"{f.parent.name}={f.name}" for f in self.files)

    @property
    def where(self) -> str:
        """The directory as given; the bundled model by name, so records do not depend on the install path."""
        return f"bundled:{self.directory.name}" if self.how == "bundled" else str(self.directory)

    @property
    def identity(self) -> str:
        """What a parse depends on, without where the model lies."""
        return f"stanza:{self.lang}/{self.package} [{self.names}] sha256={self.sha256}"

    @property
    def model(self) -> str:
        """The model as provenance names it: the identity, plus where it was found."""
        return f"stanza:{self.lang}/{self.package}@{self.where} [{self.names}] sha256={self.sha256}"

    @property
    def description(self) -> str:
        return f"{_describe(self.directory, self.how)}, sha256 {self.sha256[:16]}"


def describe_model(directory: Path, how: str, lang: str, package: str, processors: tuple[str, ...]) -> ModelChoice:
    """The :class:`ModelChoice` for a resolved directory; :class:`ModelNotFoundError` when a file is missing."""
    check_models(directory, how, lang, package, processors)
    files: list[Path] = []
    for path in _expected_files(directory, lang, package, processors):
        found = [path] if path.suffix == ".pt" else sorted(path.glob("*.pt"))
        files.extend(f for f in found if f not in files)
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}\0{file_sha256(path)}\n".encode())
    return ModelChoice(directory, how, lang, package, tuple(files), digest.hexdigest())


def versions() -> dict[str, str]:
    """The versions a stanza parse depends on, read from the installed distributions (no import)."""
    out: dict[str, str] = {}
    for dist in ("stanza", "torch"):
        with contextlib.suppress(metadata.PackageNotFoundError):  # stanza needs torch; never seen missing
            out[dist] = metadata.version(dist)
    return out


def load_pipeline(
    directory: Path,
    how: str,
    lang: str,
    package: str,
    processors: tuple[str, ...],
    use_gpu: bool,
    batch_size: int | None,
) -> Any:
    try:
        import stanza
        from stanza.pipeline.core import DownloadMethod
    except ImportError as exc:  # pragma: no cover - stanza is a dependency
        raise BackendError(f"the stanza parser is not installed ({exc}); install it with: pip install stanza") from exc

    # Never download into a directory the user named; keep stanza's own behaviour for its default home.
    download_method = DownloadMethod.REUSE_RESOURCES if how == "default" else None
    if download_method is None:
        check_models(directory, how, lang, package, processors)
    kwargs: dict[str, Any] = {}
    if batch_size is not None:
        kwargs["pos_batch_size"] = batch_size
        kwargs["depparse_batch_size"] = batch_size
    where = _describe(directory, how)
    try:
        return stanza.Pipeline(
            lang=lang,
            dir=str(directory),
            package=package,
            processors=",".join(processors),
            use_gpu=use_gpu,
            download_method=download_method,
            logging_level="ERROR",
            **kwargs,
        )
    except FileNotFoundError as exc:  # stanza's LanguageNotDownloadedError, ResourcesFileNotFoundError, ...
        raise ModelNotFoundError(
            f"stanza could not find its models in {where} ({one_line(exc)}). {_GET_MODELS.format(lang=lang)}"
        ) from exc
    except Exception as exc:  # stanza and torch raise many kinds; the user gets one clean message
        if download_method is not None:  # default home: perhaps offline, with nothing downloaded yet
            try:
                check_models(directory, how, lang, package, processors)
            except ModelNotFoundError as missing:
                raise ModelNotFoundError(f"{missing} (stanza could not fetch them either: {one_line(exc)})") from exc
        raise BackendError(
            f"stanza could not load the {lang!r} pipeline ({','.join(processors)}) from {where} "
            f"({one_line(exc)}). If the model files are damaged or from another stanza version, get them "
            f"again. {_GET_MODELS.format(lang=lang)}"
        ) from exc


#: The processors int8 dynamic quantization applies to when it is asked for without naming them.
QUANTIZABLE = ("tokenize", "pos", "depparse")


def quantize_pipeline(pipeline: Any, processors: tuple[str, ...]) -> None:
    """int8 dynamic quantization (``torch.ao.quantization.quantize_dynamic``) of the LSTM and Linear layers
    of the named processors' models, in place: their weights are stored as int8 and their activations
    quantized on the fly, so the matrix products run in int8 on the CPU. Parses change a little (the
    accuracy it costs is in benchmarks/RESULTS.md); a quantized parse has an identity of its own."""
    import warnings

    import torch
    from torch.ao.quantization import quantize_dynamic

    for name in processors:
        trainer = getattr(pipeline.processors.get(name), "_trainer", None)
        model = getattr(trainer, "model", None)
        if not isinstance(model, torch.nn.Module):
            continue
        with warnings.catch_warnings():  # torch's notice that eager-mode quantization moves to torchao
            warnings.simplefilter("ignore")
            trainer.model = quantize_dynamic(model, {torch.nn.LSTM, torch.nn.Linear}, dtype=torch.qint8)


def one_line(exc: BaseException, limit: int = 240) -> str:
    """An exception as one short line: its type and the start of its message."""
    detail = " ".join(str(exc).split())
    if len(detail) > limit:
        detail = detail[: limit - 3].rstrip() + "..."
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
