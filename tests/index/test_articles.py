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


def test_symlinks_are_not_followed_and_ids_differing_in_case_are_refused(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "Port.txt").write_text("Port news\n\nThe ferry left at noon on Monday.")
    (folder / "port.TXT").write_text("Port news again\n\nThe ferry came back at six on Tuesday.")
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret\n\nNothing to see in this private file at all.")
    (folder / "linked.txt").symlink_to(secret)
    scan = scan_corpus(folder, 1_000_000)
    assert [a.id for a in scan.articles] == ["Port"]
    reasons = {p.file: p.reason for p in scan.problems}
    assert "symbolic link" in reasons["linked.txt"]
    assert "differing only in case" in reasons["port.TXT"]


def test_text_without_whitespace_is_refused_with_the_reason():
    with pytest.raises(ArticleError, match="run of 5,000 characters without a space"):
        parse_article("blob.txt", b"Title\n\n" + b"x" * 5000, 1_000_000)
