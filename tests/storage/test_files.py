"""Reading article files: encodings, newlines and the reasons bad files are refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.files import MAX_BYTES, ArticleFileError, read_article_file

TEXT = (
    "Туркестанская и Челябинская области сотрудничают в сфере туризма\n"
    "После визита делегации Туркестанской области в Челябинскую область дипломаты отметили, "
    "что два региона соседних стран взаимодействуют в сфере образования — и не только.\n"
    "Объём торговли вырос на 12%, ёмкость рынка — 3,2 млрд тенге.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _reason(path: Path) -> str:
    with pytest.raises(ArticleFileError) as info:
        read_article_file(path)
    return str(info.value)


def test_utf8_plain(tmp_path: Path) -> None:
    assert read_article_file(_write(tmp_path, "a.txt", TEXT.encode())) == TEXT


def test_utf8_with_bom_loses_the_bom(tmp_path: Path) -> None:
    text = read_article_file(_write(tmp_path, "a.txt", b"\xef\xbb\xbf" + TEXT.encode()))
    assert text == TEXT
    assert not text.startswith("\ufeff")


def test_cp1251_is_decoded(tmp_path: Path) -> None:
    assert read_article_file(_write(tmp_path, "a.txt", TEXT.encode("cp1251"))) == TEXT


def test_crlf_and_cr_become_lf(tmp_path: Path) -> None:
    crlf = _write(tmp_path, "crlf.txt", TEXT.replace("\n", "\r\n").encode("cp1251"))
    cr = _write(tmp_path, "cr.txt", TEXT.replace("\n", "\r").encode())
    assert read_article_file(crlf) == TEXT
    assert read_article_file(cr) == TEXT


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", b"\xef\xbb\xbf\n"])
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    assert _reason(_write(tmp_path, "e.txt", data)) == "empty file"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000)
    assert _reason(_write(tmp_path, "b.txt", png)) == "binary file (NUL bytes)"


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    data = bytes(b for b in os.urandom(6000) if b) or b"\x01"
    assert _reason(_write(tmp_path, "b.txt", data)).startswith(("binary file", "cannot decode"))


def test_too_large(tmp_path: Path) -> None:
    line = "Ташкент и Алматы расширят сотрудничество.\n".encode()
    data = line * (int(1.4 * MAX_BYTES) // len(line))
    assert _reason(_write(tmp_path, "big.txt", data)) == "file too large (1.4 MB > 1 MB)"


def test_exactly_the_limit_is_accepted(tmp_path: Path) -> None:
    data = b"a" * (MAX_BYTES - 1) + b"\n"
    assert len(read_article_file(_write(tmp_path, "edge.txt", data))) == MAX_BYTES


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused_with_its_name(tmp_path: Path, codec: str) -> None:
    assert "UTF-16" in _reason(_write(tmp_path, "u.txt", TEXT.encode(codec)))


@pytest.mark.parametrize("codec", ["koi8-r", "cp866"])
def test_other_single_byte_encodings_are_refused(tmp_path: Path, codec: str) -> None:
    data = TEXT.replace("—", "-").encode(codec)
    assert _reason(_write(tmp_path, "k.txt", data)) == "cannot decode: not UTF-8 or cp1251"


def test_utf8_with_one_broken_byte_is_still_read(tmp_path: Path) -> None:
    data = TEXT.encode() * 3 + "ё".encode()[:1]  # a copy truncated inside a letter
    text = read_article_file(_write(tmp_path, "t.txt", data))
    assert text.startswith(TEXT)
    assert text.count("\ufffd") == 1


def test_missing_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.txt").startswith("cannot read")
