"""The bad-input corpus: every malformed body, header, parameter and file we know of, each with the status and
the detail we promise. Run on SQLite, and on PostgreSQL with TEST_DATABASE_URL. Nothing bad is ever stored."""

import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.inputs.articles import InputError
from app.inputs.files import read_paths
from tests.conftest import settings_for

KEY = "corpus-key"
LIMIT = 10_000
TEXT = "Officials said on Monday that the bridge would reopen in May."
NAVIGATION = "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav><footer>Contact us.</footer>"


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    status: int
    detail: str
    body: bytes | None = None
    content_type: str | None = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    parameter: str | None = None


def post(body: bytes | str | object, status: int, detail: str, **options) -> Case:
    raw = body if isinstance(body, bytes) else body.encode() if isinstance(body, str) else orjson.dumps(body)
    return Case("POST", options.pop("path", "/articles"), status, detail, raw, **options)


def get(path: str, status: int, detail: str, parameter: str | None = None) -> Case:
    return Case("GET", path, status, detail, None, None, parameter=parameter)


CASES = {
    # bodies of POST /articles
    "empty body": post(b"", 422, "the body is empty"),
    "blank body": post(b" \n\t ", 422, "the body is empty"),
    "broken JSON": post(b"{broken", 422, "the body is not valid JSON"),
    "JSON array": post([{"text": TEXT}], 422, "expected a JSON object, got list"),
    "JSON string": post('"text"', 422, "expected a JSON object, got str"),
    "no text": post({"title": "no text"}, 422, '"text" is missing'),
    "empty text": post({"text": "   "}, 422, "the text is empty"),
    "text a number": post({"text": 5}, 422, '"text" must be a string'),
    "text with NUL": post({"text": "a\u0000b"}, 422, "the text is binary (it contains NUL bytes)"),
    "title a number": post({"text": TEXT, "title": 5}, 422, '"title" must be a string, not int'),
    "unknown field": post({"text": TEXT, "publised": "2024-05-06"}, 422, "unknown field 'publised'"),
    "alias field": post({"text": TEXT, "publisher": "Wire"}, 422, "unknown field 'publisher'"),
    "relative date": post({"text": TEXT, "published": "yesterday"}, 422, "not an ISO 8601 date"),
    "date in words": post({"text": TEXT, "published": "15 May 2024"}, 422, "not an ISO 8601 date"),
    "impossible date": post({"text": TEXT, "published": "2024-02-30"}, 422, "not an ISO 8601 date"),
    "date a number": post({"text": TEXT, "published": 20240506}, 422, "must be a date string, not int"),
    "html greeting": post({"html": "<p>hi</p>"}, 422, "no article text found"),
    "html navigation only": post({"html": NAVIGATION}, 422, "no article text found"),
    "html a number": post({"html": 5}, 422, '"html" must be a string'),
    "text/html navigation": post(NAVIGATION, 422, "no article text found", content_type="text/html"),
    "binary text": post(b"\x00\x01\x02", 415, "binary (it contains NUL bytes)", content_type="text/plain"),
    "Latin-1 sent as UTF-8": post(b"caf\xe9 said so.", 415, "not valid UTF-8", content_type="text/plain"),
    "unknown charset": post(
        TEXT, 415, "unsupported charset 'klingon'", content_type="text/plain; charset=klingon"
    ),
    "charset not a text encoding": post(
        TEXT, 415, "unsupported charset 'base64'", content_type="text/plain; charset=base64"
    ),
    "bytes invalid in the charset": post(
        b"\xff\xfe\x00", 415, "not valid utf-16", content_type="text/plain; charset=utf-16"
    ),
    "unknown media type": post(b"a,b", 415, "cannot read 'text/csv'", content_type="text/csv"),
    "body over the limit": post(b"x" * (LIMIT + 1), 413, f"the limit is {LIMIT:,}"),
    "unknown query metadata": post(
        TEXT,
        422,
        "unknown parameter",
        path="/articles?titel=Bridge",
        content_type="text/plain",
        parameter="titel",
    ),
    "relative date in the query": post(
        TEXT, 422, "not an ISO 8601 date", path="/articles?published=yesterday", content_type="text/plain"
    ),
    # headers
    "no key": post({"text": TEXT}, 401, "send a key in the X-API-Key header", headers={"X-API-Key": ""}),
    "wrong key": post({"text": TEXT}, 403, "not one of the configured keys", headers={"X-API-Key": "nope"}),
    "wrong key on delete": Case("DELETE", "/articles/1", 403, "not one of", headers={"X-API-Key": "nope"}),
    # bodies of POST /articles:batch
    "batch not an array": post({"text": TEXT}, 422, "a batch is a JSON array", path="/articles:batch"),
    "batch empty": post([], 422, "the batch holds no articles", path="/articles:batch"),
    "batch broken JSON": post(b"[{", 422, "the body is not valid JSON", path="/articles:batch"),
    "batch as text": post(
        TEXT,
        415,
        "send a JSON array or application/x-ndjson",
        path="/articles:batch",
        content_type="text/plain",
    ),
    # query parameters
    "NaN": get("/claims?score__gte=NaN", 422, "not a finite number: 'NaN'", "score__gte"),
    "infinity": get("/claims?score__lte=inf", 422, "not a finite number: 'inf'", "score__lte"),
    "minus infinity": get("/claims?score=-Infinity", 422, "not a finite number", "score"),
    "overflow": get("/claims?score__gte=1e309", 422, "not a finite number: '1e309'", "score__gte"),
    "NaN in a list": get("/claims?score__in=0.5,nan", 422, "not a finite number: 'nan'", "score__in"),
    "integer overflow": get("/quotes?article_id=1e309", 422, "expected an integer", "article_id"),
    "integer out of range": get("/quotes?article_id=99999999999", 422, "between", "article_id"),
    "relative date filter": get("/quotes?published__gte=yesterday", 422, "ISO 8601 date", "published__gte"),
    "impossible date filter": get("/articles?published=2024-13-01", 422, "ISO 8601 date", "published"),
    "size zero": get("/quotes?size=0", 422, "at least 1", "size"),
    "size negative": get("/quotes?size=-1", 422, "at least 1", "size"),
    "size huge": get("/quotes?size=100000", 422, "at most 500", "size"),
    "size twice": get("/quotes?size=1&size=2", 422, "give this parameter once", "size"),
    "unknown sort": get("/quotes?sort=colour", 422, "cannot sort by 'colour'", "sort"),
    "foreign cursor": get("/quotes?cursor=not-a-cursor", 422, "not a cursor this API issued", "cursor"),
    "unknown choice": get("/quotes?kind=shouted", 422, "expected one of direct, mixed, indirect", "kind"),
    "unknown filter": get("/quotes?colour=red", 422, "unknown parameter", "colour"),
    "unknown operator": get("/claims?score__near=1", 422, "unknown operator 'near'", "score__near"),
    "search without words": get("/quotes?q=!!!", 422, "give at least one word", "q"),
    "NUL in a value": get("/quotes?speaker=a%00b", 422, "NUL character", "speaker"),
    "bad boolean": get("/quotes?count=maybe", 422, "expected true or false", "count"),
    "unknown facet": get("/quotes?facet=colour", 422, "no facet 'colour'", "facet"),
    "unknown format": get("/quotes?format=xml", 422, "expected one of", "format"),
    # path parameters
    "id not a number": get("/quotes/abc", 422, "quote_id", "quote_id"),
    "id zero": get("/articles/0", 422, "article_id", "article_id"),
    "id too large": get("/claims/99999999999", 422, "claim_id", "claim_id"),
    "job id malformed": get("/jobs/not-a-job", 422, "job_id", "job_id"),
    "no such route": get("/nowhere", 404, "Not Found"),
}


@pytest.fixture(scope="module")
def client(module_database_url: str, extractor) -> Iterator[TestClient]:
    settings = settings_for(module_database_url).model_copy(update={"api_keys": KEY, "max_body_bytes": LIMIT})
    app = create_app(settings)
    app.state.extractor = extractor
    with TestClient(app, raise_server_exceptions=False, headers={"X-API-Key": KEY}) as test_client:
        yield test_client
    app.state.engine.dispose()


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_input_gets_the_status_and_detail_we_promise(client: TestClient, case: Case) -> None:
    headers = {**({"Content-Type": case.content_type} if case.content_type else {}), **case.headers}
    response = client.request(case.method, case.path, content=case.body, headers=headers)
    assert response.status_code == case.status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert case.detail in problem["detail"]
    assert problem["status"] == case.status
    if case.parameter:
        assert problem["errors"][0]["parameter"] == case.parameter
    if case.method != "GET":
        assert client.get("/articles").json()["items"] == []


def test_a_declared_charset_is_decoded_with_it(client: TestClient) -> None:
    text = "Le maire a déclaré que le pont rouvrirait en mai, said officials in Besançon."
    response = client.post(
        "/articles",
        content=text.encode("iso-8859-1"),
        headers={"Content-Type": "text/plain; charset=iso-8859-1"},
    )
    assert response.status_code == 201 and response.json()["text"] == text
    utf16 = client.post(
        "/articles",
        content=(text + " Again.").encode("utf-16"),
        headers={"Content-Type": 'text/plain; charset="UTF-16"'},
    )
    assert utf16.status_code == 201 and utf16.json()["text"] == text + " Again."
    for article in (response, utf16):
        assert client.delete(f"/articles/{article.json()['id']}").status_code == 204


def _gzip_bomb() -> bytes:
    return gzip.compress(b"<p>" + b"a" * 21_000_000 + b"</p>")


FILES = {
    "empty text file": ("empty.txt", b"", "the file is empty"),
    "binary text file": ("blob.txt", b"\x00\x01", "the file is binary (it contains NUL bytes)"),
    "Latin-1 text file": ("cafe.txt", b"caf\xe9", "not valid UTF-8 (byte 0xe9 at offset 3)"),
    "broken JSON line": ("dump.jsonl", b"{broken\n", "invalid JSON"),
    "JSON line not an object": ("dump.jsonl", b"[1, 2]\n", "expected a JSON object, got list"),
    "JSON line empty text": ("dump.jsonl", b'{"text": ""}\n', "the text is empty"),
    "JSON line relative date": ("dump.jsonl", b'{"text": "T.", "published": "yesterday"}\n', "is not a date"),
    "empty JSON Lines": ("dump.jsonl", b"\n\n", "the file is empty"),
    "navigation-only page": ("home.html", NAVIGATION.encode(), "no article text found in the page"),
    "greeting page": ("hi.html", b"<p>hi</p>", "no article text found in the page"),
    "broken gzip": ("page.html.gz", b"\x1f\x8bnot gzip", "not valid gzip"),
    "gzip bomb": ("bomb.html.gz", None, "uncompressed"),
}


@pytest.mark.parametrize(("name", "content", "message"), FILES.values(), ids=FILES.keys())
def test_bad_files_are_errors_that_name_the_file_and_say_why(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(_gzip_bomb() if content is None else content)
    (error,) = read_paths([path])
    assert isinstance(error, InputError)
    assert error.origin.startswith(str(path)) and message in error.message


def test_a_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    (error,) = read_paths([tmp_path / "gone.txt"])
    assert isinstance(error, InputError) and error.message == "no such file or folder"
