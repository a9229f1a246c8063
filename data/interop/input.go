// Package interop reads and writes the files teachers and students exchange:
// shared tours (.aitour.json, this app's own format) and TimelineJS 3 JSON
// (the format of Knight Lab's TimelineJS, which many classes already use).
//
// Readers take untrusted files. They bound what they read (MaxFileSize),
// never panic, and return either a complete, valid result or one typed error
// (see Localized) that says what they cannot use; they never return half a
// tour. Writers check what they are given the same way, so that every file
// written here is one the readers accept.
//
// The package uses the dataset model's plain types (data.Event, data.Text,
// data.Date) and imports neither Fyne nor the message catalogs.
package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxFileSize is the largest file the readers accept: ten times the largest
// tour or classroom timeline anyone writes, small enough to hold in memory.
const MaxFileSize = 10 << 20

// readAll reads r up to limit bytes and returns its text without a UTF-8
// byte order mark. A longer input is a TooLargeError, without reading past
// limit+1 bytes; input that is not UTF-8 is an EncodingError.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // Windows editors write one
	if !utf8.Valid(b) {
		return nil, &EncodingError{}
	}
	return b, nil
}

// jsonError turns an encoding/json error into this package's errors: a
// SyntaxError with line and column, or a FieldError for a value of the
// wrong type.
func jsonError(b []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the offending character; point at it (or just
		// past the end when the input stopped short).
		off := se.Offset
		if off > 0 && !strings.Contains(se.Error(), "unexpected end") {
			off--
		}
		line, col := position(b, off)
		return &SyntaxError{Line: line, Column: col, Detail: se.Error()}
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "(file)"
		}
		return &FieldError{Field: field, Problem: WrongType}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := position(b, int64(len(b)))
		return &SyntaxError{Line: line, Column: col, Detail: err.Error()}
	}
	// Other decoding errors (nesting too deep, a failing UnmarshalJSON) are
	// malformed input too; report where the file ends.
	line, col := position(b, int64(len(b)))
	return &SyntaxError{Line: line, Column: col, Detail: err.Error()}
}

// position converts a byte offset into a 1-based line and column (in
// characters).
func position(b []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(b)))
	before := b[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, utf8.RuneCount(before) + 1
}

// hasControl reports whether s holds a control character other than tab,
// line feed and carriage return (NUL, escape sequences, DEL and the C1 set).
func hasControl(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) {
			return true
		}
	}
	return false
}

// validID reports whether id is 1 to 200 characters of A-Z a-z 0-9 . _ -.
func validID(id string) bool {
	if id == "" || len(id) > 200 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
