namespace Snowferry.Service.Tests.Allowlists;

/// <summary>
/// The most lenient reader of an object key a test can imagine: decodes percent escapes until none are left, applies
/// NFKC to the characters whose compatibility form holds a dot, slash, backslash or percent sign, reads backslashes as
/// slashes, drops empty and "." segments and resolves "..". The allowlists' properties check an allowed key both as S3
/// stores it and as this reader sees it.
/// </summary>
internal static class LenientKeyReader
{
    /// <summary>Every character NFKC maps to text with '.', '/', '\\' or '%' (Unicode 14, in the BMP).</summary>
    private static readonly Dictionary<char, string> s_compatibility = new()
    {
        ['\u2024'] = ".",
        ['\u2025'] = "..",
        ['\u2026'] = "...",
        ['\u2100'] = "a/c",
        ['\u2101'] = "a/s",
        ['\u2105'] = "c/o",
        ['\u2106'] = "c/u",
        ['\u2488'] = "1.",
        ['\u2489'] = "2.",
        ['\u248A'] = "3.",
        ['\u248B'] = "4.",
        ['\u248C'] = "5.",
        ['\u248D'] = "6.",
        ['\u248E'] = "7.",
        ['\u248F'] = "8.",
        ['\u2490'] = "9.",
        ['\u2491'] = "10.",
        ['\u2492'] = "11.",
        ['\u2493'] = "12.",
        ['\u2494'] = "13.",
        ['\u2495'] = "14.",
        ['\u2496'] = "15.",
        ['\u2497'] = "16.",
        ['\u2498'] = "17.",
        ['\u2499'] = "18.",
        ['\u249A'] = "19.",
        ['\u249B'] = "20.",
        ['\u33C2'] = "a.m.",
        ['\u33C7'] = "Co.",
        ['\u33D8'] = "p.m.",
        ['\uFE19'] = "...",
        ['\uFE30'] = "..",
        ['\uFE52'] = ".",
        ['\uFE68'] = "\\",
        ['\uFE6A'] = "%",
        ['\uFF05'] = "%",
        ['\uFF0E'] = ".",
        ['\uFF0F'] = "/",
        ['\uFF3C'] = "\\",
    };

    public static string Normalise(string key)
    {
        var text = key;
        for (var previous = ""; previous != text;)
        {
            previous = text;
            text = Uri.UnescapeDataString(text);
        }

        text = string.Concat(text.Select(c => s_compatibility.GetValueOrDefault(c, c.ToString()))).Replace('\\', '/');
        var segments = new List<string>();
        foreach (var segment in text.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }
}
