"""Stanza's models: where they are looked for, whether every file is there, and loading the pipeline.

The directory is the one given (``--models DIR``), else ``$STANZA_RESOURCES_DIR``, else stanza's default
home (:func:`resolve_models_dir`). A directory the user named is never downloaded into: its files are
checked against its ``resources.json`` first (:func:`check_models`), so a missing model is one clear
paragraph saying where it was looked for and how to get it, not a traceback from deep inside stanza.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from quotes.errors import BackendError, ModelNotFoundError

ENV_VAR = "STANZA_RESOURCES_DIR"
_GET_MODELS = (
    "To get models: online, run python -c \"import stanza; stanza.download('{lang}')\" (they go to "
    "stanza's default directory, or to $STANZA_RESOURCES_DIR when it is set); offline, point --models "
    "DIR or the STANZA_RESOURCES_DIR environment variable at a stanza resource directory (one holding "
    "resources.json and {lang}/<processor>/<model>.pt)."
)


def resolve_models_dir(models_dir: str | Path | None = None) -> tuple[Path, str]:
    """Where stanza's models are looked for, and how that was chosen.

    The explicit ``models_dir`` (the CLI's ``--models DIR``) wins, then the ``STANZA_RESOURCES_DIR``
    environment variable, then stanza's default home. ``how`` is ``"--models"``,
    ``"STANZA_RESOURCES_DIR"`` or ``"default"``.
    """
    if models_dir is not None and str(models_dir) != "":
        return Path(models_dir).expanduser(), "--models"
    env = os.environ.get(ENV_VAR, "")
    if env.strip():
        return Path(env).expanduser(), ENV_VAR
    try:
        from stanza.resources.common import DEFAULT_MODEL_DIR
    except ImportError as exc:  # pragma: no cover - stanza is a dependency
        raise BackendError(f"the stanza parser is not installed ({exc}); install it with: pip install stanza") from exc
    return Path(DEFAULT_MODEL_DIR).expanduser(), "default"


def _describe(directory: Path, how: str) -> str:
    return {
        "--models": f"{directory} (given with --models / models_dir)",
        ENV_VAR: f"{directory} (from the {ENV_VAR} environment variable)",
        "default": f"{directory} (stanza's default model directory; neither --models nor {ENV_VAR} was set)",
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


def one_line(exc: BaseException, limit: int = 240) -> str:
    """An exception as one short line: its type and the start of its message."""
    detail = " ".join(str(exc).split())
    if len(detail) > limit:
        detail = detail[: limit - 3].rstrip() + "..."
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
