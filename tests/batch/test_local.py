"""The local engine: same results in one process or several, in input order."""
from sitroom.batch import process_batch, run
from sitroom.records import Article, Extraction, Failure
from sitroom.settings import Settings

TEXTS = [
    "Russia massed troops near Ukraine on Friday.",
    "The European Union imposed sanctions on Belarus.",
    "NATO foreign ministers met in Riga.",
    "China and India agreed to hold talks next week.",
    "Protesters gathered in Minsk on Sunday.",
]


def articles():
    return [Article(f"a{i}", t, published="2021-12-17") for i, t in enumerate(TEXTS)]


def test_process_batch_returns_one_extraction_per_article():
    res = process_batch(articles(), Settings())
    assert [r.article_id for r in res] == [f"a{i}" for i in range(len(TEXTS))]
    assert all(isinstance(r, Extraction) for r in res)


def test_two_processes_give_identical_results_in_input_order():
    one = [r.to_dict() for _, r in run(articles(), Settings(n_process=1, batch_size=2))]
    two = [r.to_dict() for _, r in run(articles(), Settings(n_process=2, batch_size=2))]
    assert one == two and [d["id"] for d in two] == [f"a{i}" for i in range(len(TEXTS))]


def test_a_failing_article_becomes_a_failure_and_the_batch_goes_on(monkeypatch):
    import sitroom.extract as ex

    real = ex.extract_doc

    def flaky(doc, article, settings=None):
        if article.id == "a1":
            raise RuntimeError("boom")
        return real(doc, article, settings)

    monkeypatch.setattr(ex, "extract_doc", flaky)
    res = process_batch(articles(), Settings())
    assert isinstance(res[1], Failure) and "boom" in res[1].message and res[1].id == "a1"
    assert all(isinstance(r, Extraction) for i, r in enumerate(res) if i != 1)
