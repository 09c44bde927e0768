"""The `sitroom` command: thin commands over the library.

Exit status: 0 all succeeded, 1 some items failed, 2 bad usage.
"""
from __future__ import annotations

import json
import sys
from typing import Any, Iterable, Sequence

import click

from .errors import SitroomError, UsageError
from .ingest.build import printable
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
        s = "" if v is None else printable(v)  # stored text may hold terminal escape sequences
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


def min_confidence_option(f):
    return click.option("--min-confidence", type=click.FloatRange(0, 1), metavar="X",
                        help="Leave out events below this confidence, 0..1 (default: the "
                             "min_confidence setting; 0 = all).")(f)


def engine_options(f):
    """--engine and --ray-address (see docs/ray.md)."""
    f = click.option("--ray-address", metavar="ADDR",
                     help="Ray cluster to join with --engine ray (default $SITROOM_RAY_ADDRESS, "
                          "else Ray starts locally).")(f)
    return click.option("--engine", type=click.Choice(["local", "ray"]),
                        help="local: a process pool (default); ray: Ray Data "
                             "(pip install 'sitroom[ray]').")(f)


class _Group(click.Group):
    """Turns library errors into one-line CLI errors with the documented exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as e:
            raise click.UsageError(printable(e), ctx) from e
        except SitroomError as e:
            click.echo(f"error: {printable(e)}", err=True)
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
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="sitroom")
    except BrokenPipeError:  # `sitroom ... | head`: the reader left; stop quietly
        import os

        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        sys.exit(1)


# ---------------------------------------------------------------- core commands (lead)
# --- core commands ---

@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN",
              help="Read FIELD (id, text, title, published, url, source) from COLUMN of JSON/CSV input.")
@click.option("--processes", "n_process", type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), help="Articles per batch.")
@engine_options
@click.option("--allow-private-urls", is_flag=True, default=None,
              help="Allow fetching loopback/private addresses (refused by default).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx, sources, db, mapping, n_process, batch_size, engine, ray_address, allow_private_urls,
           as_json, quiet):
    """Read articles from files, folders, feeds, URLs or - (stdin) into the database."""
    from tqdm import tqdm

    from .pipeline import ingest as run_ingest

    settings = _settings(ctx, n_process=n_process, batch_size=batch_size, engine=engine,
                         ray_address=ray_address, allow_private_urls=allow_private_urls)
    bar = tqdm(desc="ingest", unit=" items", file=sys.stderr, disable=quiet or None, leave=False)

    def failed(f):
        bar.clear()
        click.echo(f"failed: {printable(f)}", err=True)

    def kept(f):
        bar.clear()
        click.echo(f"kept: {printable(f)}", err=True)

    try:
        report = run_ingest(sources, db=_db(ctx, db), settings=settings, mapping=_mapping(mapping),
                            stdin=sys.stdin, on_failure=failed, on_progress=bar.update, on_notice=kept)
    finally:
        bar.close()
    if as_json:
        echo_json({k: v for k, v in report.to_dict().items() if k != "failures"})
    else:
        kept = f" ({report.versions} under a new key, see kept:)" if report.versions else ""
        click.echo(f"read {report.read}, stored {report.stored}{kept}, skipped {report.duplicates} "
                   f"as duplicates, failed {report.failed}")
    ctx.exit(1 if report.failed else 0)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--input", "input_", metavar="FILE|-", help="JSON Lines of articles (- = stdin).")
@click.option("--output", default="-", metavar="FILE|-", help="Where to write JSON Lines (default stdout).")
@click.option("--map", "mapping", multiple=True, metavar="FIELD=COLUMN", help="Field mapping for JSON/CSV.")
@click.option("--processes", "n_process", type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), help="Articles per batch.")
@min_confidence_option
@engine_options
@click.pass_context
def extract(ctx, paths, input_, output, mapping, n_process, batch_size, min_confidence, engine, ray_address):
    """Extract everything from articles and print one JSON line each (nothing stored).

    The output follows the extraction contract (sitroom.extract/1), in input order.
    Events below the min_confidence setting are left out.
    """
    from .ingest import read, read_jsonl
    from .pipeline import extract_articles

    settings = _settings(ctx, n_process=n_process, batch_size=batch_size, engine=engine,
                         ray_address=ray_address, min_confidence=min_confidence)
    fields = _mapping(mapping)
    if input_ and paths:
        raise click.UsageError("give --input or PATHs, not both")
    if input_ in (None, "-") and not paths:
        if sys.stdin is None:
            raise click.UsageError("standard input is closed; give --input FILE or PATHs")
        items = read_jsonl(getattr(sys.stdin, "buffer", sys.stdin), "<stdin>", fields, settings)
    elif input_:
        try:
            stream = open(input_, encoding="utf-8", errors="replace")
        except OSError as e:
            raise click.BadParameter(f"cannot read {input_}: {e.strerror}", param_hint="--input")
        items = read_jsonl(stream, input_, fields)
    else:
        items = read(paths, settings, mapping=fields)
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    failed = 0
    try:
        for article, result in extract_articles(items, settings):
            if isinstance(result, Failure):
                failed += 1
                click.echo(f"failed: {printable(result)}", err=True)
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
def _store(ctx: click.Context, db: str | None):
    """The store for a read command: it must exist already (never an empty new file)."""
    from .store import open_store

    return open_store(_db(ctx, db), ctx.obj["settings"], create=False)


def _actor_label(a: dict | None) -> str:
    if not a:
        return ""
    return a.get("code") or a.get("text") or ""


def _actor_labels(spans: Sequence[dict]) -> str:
    return ", ".join(dict.fromkeys(_actor_label(a) for a in spans if _actor_label(a)))


@cli.command("articles")
@db_option
@click.option("--limit", type=click.IntRange(0), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@json_option
@click.pass_context
def articles_cmd(ctx, db, limit, offset, as_json):
    """List stored articles, newest first."""
    with _store(ctx, db) as store:
        rows = store.articles(limit=limit, offset=offset)
    if as_json:
        return echo_json(rows)
    echo_table(rows, ["id", "published", "source", "title", "events", "quotes"])


@cli.command("search")
@click.argument("query")
@db_option
@click.option("--limit", type=click.IntRange(0), default=20, show_default=True)
@json_option
@click.pass_context
def search_cmd(ctx, query, db, limit, as_json):
    """Full-text search over titles and texts (every word must match; "quoted phrases")."""
    with _store(ctx, db) as store:
        rows = store.search(query, limit=limit)
    if as_json:
        return echo_json(rows)
    echo_table(rows, ["id", "published", "source", "title", "snippet"], max_width=80)


@cli.command("info")
@db_option
@json_option
@click.pass_context
def info_cmd(ctx, db, as_json):
    """What the database holds: counts of every kind of record, and its migrations."""
    with _store(ctx, db) as store:
        data = {"counts": store.counts(), "db": store.location, "migrations": store.migrations()}
    if as_json:
        return echo_json(data)
    click.echo(f"db: {data['db']}")
    click.echo(f"migrations: {', '.join(data['migrations'])}")
    echo_table([{"table": k, "rows": v} for k, v in data["counts"].items()], ["table", "rows"])


@cli.command("actors")
@db_option
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@json_option
@click.pass_context
def actors_cmd(ctx, db, limit, as_json):
    """Actors seen, most mentioned first."""
    with _store(ctx, db) as store:
        rows = store.actors(limit=limit)
    if as_json:
        return echo_json(rows)
    echo_table(rows, ["code", "name", "sector", "kind", "mentions", "articles"])


@cli.command("actor")
@click.argument("code")
@db_option
@json_option
@click.pass_context
def actor_cmd(ctx, code, db, as_json):
    """One actor: names it goes by, people with roles, recent mentions."""
    from .errors import NotFound

    with _store(ctx, db) as store:
        row = store.actor(code)
    if row is None:
        raise NotFound(f"no actor with code {code!r} in the database", item=code)
    if as_json:
        return echo_json(row)
    click.echo(f"{row['code']}  {row['name'] or ''}  sector={row['sector'] or '-'}  kind={row['kind'] or '-'}")
    click.echo(f"mentions: {row['mentions']} in {row['articles']} article(s); events as source "
               f"{row['events']['source']}, as target {row['events']['target']}; quotes {row['quotes']}")
    click.echo("\naliases:")
    echo_table(row["aliases"], ["text", "count"])
    click.echo("\npeople:")
    echo_table(row["people"], ["name", "role", "articles"])
    click.echo("\nrecent mentions:")
    echo_table(row["mentions_recent"], ["published", "article_id", "start", "end", "text"])


@cli.command("events")
@db_option
@click.option("--actor", metavar="CODE", help="Source actor code (e.g. RUS).")
@click.option("--target", metavar="CODE", help="Target actor code.")
@click.option("--type", "type_", metavar="TYPE", help="PLOVER event type (e.g. THREATEN).")
@click.option("--quad-class", metavar="0-4", help="0 neutral .. 4 material conflict.")
@click.option("--since", metavar="DATE", help="From this ISO date (event date, else published).")
@click.option("--until", metavar="DATE", help="Up to this ISO date, inclusive.")
@click.option("--article", metavar="ID", help="Only this article's events.")
@min_confidence_option
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@json_option
@click.pass_context
def events_cmd(ctx, db, actor, target, type_, quad_class, since, until, article, min_confidence, limit,
               offset, as_json):
    """Coded events, by date (those below the min_confidence setting left out)."""
    settings = _settings(ctx, min_confidence=min_confidence)
    with _store(ctx, db) as store:
        rows = store.events(actor=actor, target=target, type=type_, quad_class=quad_class, since=since,
                            until=until, article=article, min_confidence=settings.min_confidence,
                            limit=limit, offset=offset)
    if as_json:
        return echo_json(rows)
    echo_table([{**e, "source": _actor_labels(e["source"]), "target": _actor_labels(e["target"]),
                 "quad": e["quad_class"], "trigger": e["trigger"]["text"],
                 "sentence": e["sentence"]["text"]} for e in rows],
               ["id", "day", "type", "quad", "source", "target", "trigger", "article_id", "sentence"])


@cli.command("quotes")
@db_option
@click.option("--speaker", metavar="CODE|NAME", help="Speaker's actor code, or words of the name.")
@click.option("--limit", type=click.IntRange(0), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@json_option
@click.pass_context
def quotes_cmd(ctx, db, speaker, limit, offset, as_json):
    """Quotes with their speakers."""
    with _store(ctx, db) as store:
        rows = store.quotes(speaker=speaker, limit=limit, offset=offset)
    if as_json:
        return echo_json(rows)
    echo_table([{**q, "speaker": _actor_label(q["speaker"]) if q["speaker"] else "",
                 "said": (q["speaker"] or {}).get("text") or "", "content": q["content"]["text"]}
                for q in rows], ["published", "article_id", "speaker", "said", "kind", "content"],
               max_width=80)


@cli.command("positions")
@db_option
@click.option("--actor", metavar="CODE", help="Only proposals this actor took a stance on.")
@click.option("--history", is_flag=True, help="Each cell's earlier stances too (JSON always has them).")
@json_option
@click.pass_context
def positions_cmd(ctx, db, actor, history, as_json):
    """The positions board: one row per proposal merged across articles (most discussed
    first), one column per actor, each cell the latest stance and its date."""
    from .crossdoc.board import positions_board

    with _store(ctx, db) as store:
        board = positions_board(store, actor=actor)
    if as_json:
        return echo_json(board.to_dict())
    rows = []
    for r in board.rows:
        row = {"proposal": r.proposal.name, "by": " ".join(r.proposal.authors), "articles": r.discussed}
        for code, cell in r.cells.items():
            steps = cell.history if history else (cell.latest,)
            row[code] = " → ".join(f"{s.stance} {(s.published or '')[:10]}".strip() for s in steps)
        rows.append(row)
    echo_table(rows, ["proposal", "by", "articles", *board.actors], max_width=50)


@cli.command("claims")
@db_option
@click.option("--unit", help="Only quantities of this unit (e.g. troops, USD).")
@click.option("--limit", type=click.IntRange(0), default=1000, show_default=True)
@json_option
@click.pass_context
def claims_cmd(ctx, db, unit, limit, as_json):
    """Numbers claimed over time (troops, money ...), by publication date."""
    with _store(ctx, db) as store:
        rows = store.quantities(unit=unit, limit=limit)
    if as_json:
        return echo_json(rows)
    echo_table([{**q, "of": (q["of"] or {}).get("text") or ""} for q in rows],
               ["published", "value", "unit", "approx", "of", "text", "source", "article_id"])

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
def _crossdoc_store(ctx: click.Context, db: str | None):
    """The store the cross-document commands read (``link`` is the one that writes)."""
    return _store(ctx, db)


@cli.command("link")
@db_option
@click.option("--rebuild", is_flag=True, help="Recompute everything from scratch (default: link "
              "only the articles stored since the last run onto the saved results).")
@json_option
@click.pass_context
def link_cmd(ctx, db, rebuild, as_json):
    """Find near-duplicates, merge events and proposals across articles, build storylines;
    save them. Incremental: only new articles are read (same results as --rebuild)."""
    from .crossdoc import link

    with _crossdoc_store(ctx, db) as store:
        summary = link(store, rebuild=rebuild).to_dict()
    if as_json:
        return echo_json(summary)
    echo_table([{"what": k, "count": v} for k, v in summary.items()], ["what", "count"])


@cli.command("duplicates")
@db_option
@json_option
@click.pass_context
def duplicates_cmd(ctx, db, as_json):
    """Groups of near-duplicate articles (group id = smallest article id)."""
    from .crossdoc import duplicates_for

    with _crossdoc_store(ctx, db) as store:
        groups = [g.to_dict() for g in duplicates_for(store)]
    if as_json:
        return echo_json(groups)
    echo_table([{**g, "size": len(g["articles"]), "articles": " ".join(g["articles"])} for g in groups],
               ["id", "size", "similarity", "articles"], max_width=100)


@cli.command("storylines")
@db_option
@click.option("--articles/--no-articles", default=False, help="List each storyline's article ids.")
@json_option
@click.pass_context
def storylines_cmd(ctx, db, articles, as_json):
    """Storylines: articles grouped by shared actors, event types and terms over time."""
    from .crossdoc import storylines_for

    with _crossdoc_store(ctx, db) as store:
        rows = [s.to_dict() for s in storylines_for(store)]
    if as_json:
        return echo_json(rows)
    for r in rows:
        r["actors"] = " ".join(r["actors"])
        r["articles"] = " ".join(r["articles"])
    echo_table(rows, ["id", "first_date", "last_date", "size", "actors", "name"]
               + (["articles"] if articles else []), max_width=100 if articles else 60)


@cli.command("timeline")
@db_option
@click.option("--dyad", metavar="SRC-TGT", help="Events from one actor to another, e.g. RUS-UKR.")
@click.option("--actor", metavar="CODE", help="Events with this actor on either side.")
@click.option("--storyline", metavar="ID", help="Events reported in this storyline's articles.")
@click.option("--undirected", is_flag=True, help="Count a dyad's events in both directions.")
@json_option
@click.pass_context
def timeline_cmd(ctx, db, dyad, actor, storyline, undirected, as_json):
    """Daily merged events by quad class, Goldstein score, and the days it changes most."""
    from .crossdoc import timeline_for

    with _crossdoc_store(ctx, db) as store:
        tl = timeline_for(store, dyad=dyad, actor=actor, storyline=storyline, directed=not undirected)
    data = tl.to_dict()
    if as_json:
        return echo_json(data)
    click.echo(f"timeline: {tl.label}")
    echo_table(data["days"], ["date", "events", "q0", "q1", "q2", "q3", "q4", "goldstein_sum",
                              "goldstein_mean"])
    click.echo("\nbiggest day-over-day changes of the Goldstein sum:")
    echo_table(data["changes"], ["date", "previous", "delta"])
    if tl.undated:
        click.echo(f"({tl.undated} undated events left out)")


@cli.command("claims-series")
@db_option
@click.option("--unit", help="Only quantities in this unit (e.g. troops, usd).")
@click.option("--min-points", type=click.IntRange(1), default=2, show_default=True,
              help="Only series with at least this many claims.")
@json_option
@click.pass_context
def claims_series_cmd(ctx, db, unit, min_points, as_json):
    """Numbers claimed for the same thing over time (growth and disagreement)."""
    from .crossdoc import claim_series

    with _crossdoc_store(ctx, db) as store:
        series = claim_series(store.iter_extractions(), unit=unit, min_points=min_points)
    if as_json:
        return echo_json([s.to_dict() for s in series])
    rows = [{**s.summary(), "values": " → ".join(f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
                                                  for v in s.values)} for s in series]
    echo_table(rows, ["unit", "thing", "claims", "sources", "since", "until", "values"], max_width=80)


@cli.command("export")
@db_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["jsonl", "csv", "parquet", "plover", "gdelt"]),
              help="jsonl: articles (contract + merged ids); csv/plover: events as reported; "
                   "parquet: a folder of events/quotes/quantities; gdelt: GDELT 2.0 event rows.")
@click.option("--output", required=True, metavar="PATH", help="File to write ('-' = stdout; a folder for parquet).")
@click.pass_context
def export_cmd(ctx, db, fmt, output):
    """Export the database (streamed, deterministic)."""
    from .crossdoc import export

    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet writes a folder of files; give --output DIR")
    with _crossdoc_store(ctx, db) as store:
        done = export(store, fmt, output)
    if output != "-":
        click.echo(f"wrote {done['output']} ({fmt}): {done['rows']} rows", err=True)
# --- end crossdoc commands ---

# ---------------------------------------------------------------- serve commands
# --- serve commands ---
@cli.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.pass_context
def serve_cmd(ctx: click.Context, db: str | None, host: str, port: int) -> None:
    """Serve the web pages and the JSON API (read-only unless api_token is set)."""
    import uvicorn

    from .serve import create_app

    from .store import open_store
    from .store.base import redact_url

    open_store(_db(ctx, db), ctx.obj["settings"], create=False).close()  # a typo is an error, not a new empty db
    app = create_app(_db(ctx, db), ctx.obj["settings"])
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"sitroom: serving {redact_url(_db(ctx, db))} at http://{shown}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
# --- end serve commands ---

# ---------------------------------------------------------------- eval commands

@cli.group("eval")
def eval_group() -> None:
    """Measure extraction against gold data."""


# --- eval commands ---
@eval_group.command("actors")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--limit", type=int, help="Score only the first N gold records.")
@json_option
@click.pass_context
def eval_actors_cmd(ctx, path, limit, as_json):
    """Share of PLOVER gold actor codes found among each sentence's resolved actors."""
    from .evaluation.actors import DEFAULT_PATH, evaluate_actors, miss_summary

    score = evaluate_actors(path or DEFAULT_PATH, settings=ctx.obj["settings"], limit=limit,
                            max_misses=10_000)
    if as_json:
        return echo_json(score.to_dict())
    click.echo(f"records {score.records}  gold codes {score.gold}  found {score.found}  "
               f"recall {score.recall:.1%}  ({score.seconds:.1f}s)")
    d = score.to_dict()
    echo_table([{"class": k, **v} for k, v in d["by_class"].items()], ["class", "found", "gold", "recall"])
    echo_table([{"event": k, **v} for k, v in d["by_event"].items()], ["event", "found", "gold", "recall"])
    click.echo("missed codes: " + ", ".join(f"{c} {n}" for c, n in miss_summary(score)[:20]))
    echo_table(score.misses[:30], ["id", "code", "actor_text", "resolved"])


@eval_group.command("quotes")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("--limit", type=int, help="Score only the first N gold documents.")
@json_option
@click.pass_context
def eval_quotes_cmd(ctx, path, limit, as_json):
    """Quote attribution against PolNeAR-format brat gold (default ../shared/gold/polnear-dev)."""
    from .evaluation.quotes import DEFAULT_PATH, evaluate_quotes, format_scores

    scores = evaluate_quotes(path or DEFAULT_PATH, settings=ctx.obj["settings"], limit=limit)
    if as_json:
        return echo_json(scores.to_dict())
    for line in format_scores(scores):
        click.echo(line)


@eval_group.command("plover")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--misses", "show_misses", is_flag=True, help="List the records whose gold type was not found.")
@json_option
@click.pass_context
def eval_plover_cmd(ctx, path, show_misses, as_json):
    """Event coding against PLOVER gold (default ../shared/gold/plover-gsr/PLOVER_GSR_CAMEO.json)."""
    from .evaluation.plover import DEFAULT_PATH, evaluate

    score = evaluate(path or DEFAULT_PATH, settings=ctx.obj["settings"], keep_misses=show_misses)
    if as_json:
        d = score.to_dict()
        if show_misses:
            d["misses"] = score.misses
        return echo_json(d)
    click.echo(f"records {score.records}  type recall {score.type_recall:.1%}  "
               f"top-1 {score.top1_accuracy:.1%}  source {score.source_accuracy:.1%} "
               f"(of {score.source_n})  target {score.target_accuracy:.1%} (of {score.target_n})  "
               f"end to end: source {score.source_end_to_end:.1%} target {score.target_end_to_end:.1%}  "
               f"({score.seconds:.1f}s)")
    rows = [{"type": t, "n": c["n"], "found": c["found"], "top1": c["top1"]}
            for t, c in sorted(score.by_type.items())]
    echo_table(rows, ["type", "n", "found", "top1"])
    if show_misses:
        echo_table(score.misses, ["id", "gold", "found", "text"], max_width=90)


@eval_group.command("articles")
@click.argument("path", required=False, type=click.Path(file_okay=False))
@min_confidence_option
@click.option("--show", type=click.IntRange(0), default=0, metavar="N",
              help="Also list N wrong events, missed events and missed quotes of each kind.")
@json_option
@click.pass_context
def eval_articles_cmd(ctx, path, min_confidence, show, as_json):
    """Whole annotated articles: precision and recall of events, quotes, proposals and
    positions (default ../shared/gold/articles-dev; format in docs/evaluation.md)."""
    from .evaluation.articles import DEFAULT_PATH, error_lines, evaluate_articles, summary_line, table_rows

    ev = evaluate_articles(path or DEFAULT_PATH, settings=ctx.obj["settings"], min_confidence=min_confidence)
    if as_json:
        return echo_json(ev.to_dict())
    echo_table(table_rows(ev), ["article", "events_p", "events_r", "typed_p", "typed_r", "quotes_p",
                                "quotes_r", "proposals", "positions"])
    causes = ev.wrong_by_cause()
    click.echo("\nwrong events by cause: " + (", ".join(f"{k} {n}" for k, n in causes) or "none"))
    for s in ev.articles:
        for why in ([s.failure] if s.failure else []) + list(s.problems):
            click.echo(f"{s.id}: {why}", err=True)
    if show:
        for line in error_lines(ev, show):
            click.echo(line)
    click.echo(f"({len(ev.articles)} articles, min_confidence {ev.min_confidence}, {ev.seconds:.1f}s)")
    click.echo(summary_line(ev.figures))


# --- end eval commands ---


if __name__ == "__main__":  # pragma: no cover
    main()
