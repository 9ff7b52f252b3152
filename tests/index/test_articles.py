from pathlib import Path

import pytest

from index.articles import ArticleError, parse_article, scan_corpus


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"  \n\n ", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
    ("latin1.txt", "Café politics".encode("latin-1"), "not valid UTF-8 text (byte 0xe9 at offset 3)"),
    ("big.txt", b"word " * 300, "over the limit of 1,000 bytes"),
    ("slides.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ("markup.html", b"<html><body><script>x()</script></body></html>", "no article text left"),
])
def test_bad_files_are_rejected_with_the_file_and_the_reason(name, data, reason):
    with pytest.raises(ArticleError) as err:
        parse_article(name, data, max_bytes=1000)
    assert str(err.value).startswith(f"{name}: ")
    assert reason in str(err.value)


def test_scan_reports_bad_files_and_keeps_the_good_ones(corpus: Path):
    (corpus / "empty.txt").write_text("")
    (corpus / "dup.txt").write_bytes((corpus / "000_488262e5be326c47.txt").read_bytes().replace(b"\n", b"\r\n"))
    (corpus / "bad.md").write_bytes(b"\xff\xfe broken")
    (corpus / ".hidden.txt").write_text("ignored")
    scan = scan_corpus(corpus, 10**6)
    assert len(scan.articles) == 3
    assert {str(p) for p in scan.problems} == {
        "bad.md: not valid UTF-8 text (byte 0xff at offset 0)",
        "dup.txt: duplicate of 000_488262e5be326c47.txt; not indexed twice",
        "empty.txt: empty file",
    }
