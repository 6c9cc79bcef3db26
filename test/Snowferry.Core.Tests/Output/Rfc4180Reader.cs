using System.Text;

namespace Snowferry.Tests.Output;

/// <summary>
/// A strict RFC 4180 reader for the tests, written from the RFC rather than from the writer: records end in CRLF, a
/// quoted field may hold anything with quotes doubled, an unquoted field no quote, CR or LF. An unquoted empty field
/// reads as null, a quoted one as "", so the NULL/empty distinction can be checked.
/// </summary>
internal static class Rfc4180Reader
{
    public static List<string?[]> Read(byte[] utf8)
    {
        Assert.False(utf8.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "no BOM expected");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8);
        var records = new List<string?[]>();
        var fields = new List<string?>();
        var i = 0;
        while (i < text.Length)
        {
            string? field;
            if (text[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            value.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i++]);
                }

                field = value.ToString();
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] is not (',' or '\r'))
                {
                    Assert.False(text[i] is '"' or '\n', $"bare {(text[i] == '"' ? "quote" : "LF")} in an unquoted field at {i}");
                    i++;
                }

                field = i == start ? null : text[start..i];
            }

            fields.Add(field);
            Assert.True(i < text.Length, "the last record must end with CRLF");
            if (text[i] == ',')
            {
                i++;
                continue;
            }

            Assert.True(text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n', $"expected CRLF at {i}");
            i += 2;
            records.Add([.. fields]);
            fields.Clear();
        }

        return records;
    }
}
