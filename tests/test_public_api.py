"""The public API of the package: ``sitroom.extract`` stays callable after its subpackage is imported."""
import sitroom


def test_extract_is_callable_twice():
    first = sitroom.extract("Germany and France held talks in Paris.", published="2022-03-01")
    import sitroom.extract as sub  # binding the subpackage must not shadow the function

    second = sitroom.extract("Germany and France held talks in Paris.", published="2022-03-01")
    assert callable(sub)
    assert first.to_dict() == second.to_dict()
    assert first.published == "2022-03-01"
