"""The `sitroom` command: thin commands over the library.

Exit status: 0 all succeeded, 1 some items failed, 2 bad usage.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Iterable, Sequence

import click

from .errors import SitroomError, UsageError
from .records import Failure
from .settings import Settings, load_settings


# ---------------------------------------------------------------- helpers

def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    base: Settings = ctx.obj["settings"]
    return base.replace(**overrides)


def _db(ctx: click.Context, db: str | None) -> str:
    return db or ctx.obj["settings"].db


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def echo_table(rows: Sequence[dict], columns: Sequence[str], *, max_width: int = 60) -> None:
    """Print rows as an aligned plain-text table (values cut to ``max_width``)."""
    if not rows:
        click.echo("(none)")
        return

    def cell(v: Any) -> str:
        s = "" if v is None else str(v)
        s = " ".join(s.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


def db_option(f):
    return click.option("--db", "db", metavar="FILE|URL", envvar="SITROOM_DB",
                        help="Database (default ./sitroom.db, or $SITROOM_DB).")(f)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(f)


class _Group(click.Group):
    """Turns library errors into one-line CLI errors with the documented exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as e:
            raise click.UsageError(str(e), ctx) from e
        except SitroomError as e:
            click.echo(f"error: {e}", err=True)
            ctx.exit(1)


@click.group(cls=_Group)
@click.option("--config", type=click.Path(dir_okay=False), envvar="SITROOM_CONFIG",
              help="Settings file (TOML) overlaid on the packaged defaults.")
@click.option("--model", help="spaCy pipeline to use (any installed package or path).")
@click.version_option(package_name="sitroom")
@click.pass_context
def cli(ctx: click.Context, config: str | None, model: str | None) -> None:
    """sitroom: news in, structured and traceable intelligence out."""
    try:
        ctx.obj = {"settings": load_settings(config, model=model)}
    except UsageError as e:
        raise click.UsageError(str(e)) from e


def main(argv: Iterable[str] | None = None) -> None:
    cli.main(args=list(argv) if argv is not None else None, prog_name="sitroom")


# ---------------------------------------------------------------- core commands (lead)
# --- core commands ---

@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD (id, text, title, published, url, source) from COLUMN of JSON/CSV input.")
@click.option("--processes", "n_process", type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), help="Articles per batch.")
@click.option("--allow-private-urls", is_flag=True, default=None,
              help="Allow fetching loopback/private addresses (refused by default).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx, sources, db, mapping, n_process, batch_size, allow_private_urls, as_json, quiet):
    """Read articles from files, folders, feeds, URLs or - (stdin) into the database."""
    from tqdm import tqdm

    from .pipeline import ingest as run_ingest

    settings = _settings(ctx, n_process=n_process, batch_size=batch_size,
                         allow_private_urls=allow_private_urls)
    bar = tqdm(desc="ingest", unit=" items", file=sys.stderr, disable=quiet or None, leave=False)

    def failed(f):
        bar.clear()
        click.echo(f"failed: {f}", err=True)

    try:
        report = run_ingest(sources, db=_db(ctx, db), settings=settings, mapping=_mapping(mapping),
                            stdin=sys.stdin, on_failure=failed, on_progress=bar.update)
    finally:
        bar.close()
    if as_json:
        echo_json({k: v for k, v in report.to_dict().items() if k != "failures"})
    else:
        click.echo(f"read {report.read}, stored {report.stored}, skipped {report.duplicates} "
                   f"as duplicates, failed {report.failed}")
    ctx.exit(1 if report.failed else 0)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--input", "input_", metavar="FILE|-", help="JSON Lines of articles (- = stdin).")
@click.option("--output", default="-", metavar="FILE|-", help="Where to write JSON Lines (default stdout).")
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", help="Field mapping for JSON/CSV.")
@click.option("--processes", "n_process", type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), help="Articles per batch.")
@click.pass_context
def extract(ctx, paths, input_, output, mapping, n_process, batch_size):
    """Extract everything from articles and print one JSON line each (nothing stored).

    The output follows the extraction contract (sitroom.extract/1), in input order.
    """
    from . import ingest as readers
    from .pipeline import extract_articles

    settings = _settings(ctx, n_process=n_process, batch_size=batch_size)
    fields = _mapping(mapping)
    if input_ and paths:
        raise click.UsageError("give --input or PATHs, not both")
    if input_ in (None, "-") and not paths:
        items = readers.read_jsonl(sys.stdin, "<stdin>", fields)
    elif input_:
        try:
            stream = open(input_, encoding="utf-8", errors="replace")
        except OSError as e:
            raise click.BadParameter(f"cannot read {input_}: {e.strerror}", param_hint="--input")
        items = readers.read_jsonl(stream, input_, fields)
    else:
        items = readers.read(paths, settings, mapping=fields)
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    failed = 0
    try:
        for article, result in extract_articles(items, settings):
            if isinstance(result, Failure):
                failed += 1
                click.echo(f"failed: {result}", err=True)
                line = {"id": result.id, "error": {"code": result.code, "message": result.message}}
            else:
                line = result.to_dict()
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    ctx.exit(1 if failed else 0)


def _mapping(pairs: Sequence[str]) -> dict[str, str] | None:
    if not pairs:
        return None
    out = {}
    for p in pairs:
        field, sep, column = p.partition("=")
        if not sep or not field or not column:
            raise click.BadParameter(f"{p!r} is not FIELD=COLUMN", param_hint="--map")
        out[field.strip()] = column.strip()
    return out
# --- end core commands ---

# ---------------------------------------------------------------- store commands
# --- store commands ---
# --- end store commands ---

# ---------------------------------------------------------------- actors commands
# --- actors commands ---
# --- end actors commands ---

# ---------------------------------------------------------------- events commands
# --- events commands ---
# --- end events commands ---

# ---------------------------------------------------------------- quotes commands
# --- quotes commands ---
# --- end quotes commands ---

# ---------------------------------------------------------------- numbers commands
# --- numbers commands ---
# --- end numbers commands ---

# ---------------------------------------------------------------- crossdoc commands
# --- crossdoc commands ---
# --- end crossdoc commands ---

# ---------------------------------------------------------------- serve commands
# --- serve commands ---
# --- end serve commands ---

# ---------------------------------------------------------------- eval commands

@cli.group("eval")
def eval_group() -> None:
    """Measure extraction against gold data."""


# --- eval commands ---
# --- end eval commands ---


if __name__ == "__main__":  # pragma: no cover
    main()
