#!/bin/sh
# LibreOffice opens the compiled follow-up as DOCX and as XLSX (issue 3 §8):
# the demo's 2021-T1 report (seed 003, Regionstyrelsen) is converted to PDF
# with `libreoffice --headless --convert-to pdf`, each in its own profile so
# parallel runs do not collide, and the PDF's text (pdftotext) must hold the
# seed's values and symbols. Exits 77 (ctest SKIP_RETURN_CODE) only when
# LibreOffice is not installed; `make test` installs it.
# Usage: test_libreoffice.sh RODTRAD_BINARY WORK_DIR
set -u
BIN=${1:?rodtrad binary}
WORK=${2:?work directory}/lo-$$
SKIP=77

if ! command -v libreoffice >/dev/null 2>&1; then
	echo "SKIP: libreoffice saknas (installeras av 'make test')"
	exit $SKIP
fi
for tool in pdftotext timeout; do
	command -v $tool >/dev/null 2>&1 || { echo "FAIL: $tool saknas"; exit 1; }
done

rm -rf "$WORK"
mkdir -p "$WORK" || exit 1
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$BIN" demo "$WORK/demo.db" >/dev/null 2>&1 || fail "rodtrad demo"
for fmt in docx xlsx; do
	"$BIN" report --period 2021-T1 --db "$WORK/demo.db" -f $fmt -o "$WORK/rapport.$fmt" \
		2>/dev/null || fail "rodtrad report -f $fmt"
done

# convert FORMAT: rapport.FORMAT → FORMAT/rapport.pdf, then its text in
# rapport-FORMAT.txt.
convert() {
	fmt=$1
	out="$WORK/$fmt"
	timeout 120 libreoffice -env:UserInstallation=file://$WORK/profile-$fmt --headless \
		--convert-to pdf --outdir "$out" "$WORK/rapport.$fmt" >"$WORK/lo-$fmt.log" 2>&1
	rc=$?
	[ $rc -eq 0 ] || { cat "$WORK/lo-$fmt.log"; fail "libreoffice $fmt: exit $rc"; }
	[ -s "$out/rapport.pdf" ] || { cat "$WORK/lo-$fmt.log"; fail "libreoffice $fmt: ingen PDF"; }
	pdftotext -layout "$out/rapport.pdf" "$WORK/rapport-$fmt.txt" || fail "pdftotext $fmt"
}

# expect FORMAT TEXT: the PDF made from FORMAT contains TEXT.
expect() {
	grep -qF -- "$2" "$WORK/rapport-$1.txt" || fail "$1: \"$2\" saknas i PDF-texten"
}

convert docx
expect docx "Sammanställd måluppfyllelse per april 2021"
expect docx "Regionstyrelsen"
expect docx "Sjukfrånvaron"
expect docx "5,4 %"
expect docx "4,6 %"
expect docx "● Uppfyllt"
expect docx "■ Ej uppfyllt"
expect docx "◆ Delvis uppfyllt"
expect docx "Sida 2 av"

convert xlsx
expect xlsx "Sammanställd måluppfyllelse per april 2021"
expect xlsx "Sjukfrånvaron"
# 5,4 % is the number 5.4 in the sheet: the Swedish format shows it so
expect xlsx "5,4 %"
expect xlsx "203,5"
expect xlsx "● Uppfyllt"
expect xlsx "■ Ej uppfyllt"

echo "OK: LibreOffice öppnar DOCX och XLSX"
