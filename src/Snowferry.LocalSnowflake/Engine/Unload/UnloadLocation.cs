namespace Snowferry.LocalSnowflake.Engine.Unload;

/// <summary>
/// An external location as COPY INTO names it: <c>s3://bucket/path/</c> puts files named <c>data_…</c> in that folder;
/// <c>s3://bucket/path/name</c> names them <c>name_…</c> in <c>path/</c> (Snowflake's reading of a path that does not end
/// with a slash).
/// </summary>
internal sealed record UnloadLocation(string Url, string Bucket, string Folder, string NamePrefix)
{
    public static UnloadLocation Parse(string url)
    {
        const string Scheme = "s3://";
        if (url.StartsWith("gcs://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("azure://", StringComparison.OrdinalIgnoreCase) ||
            url.StartsWith("s3gov://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("s3china://", StringComparison.OrdinalIgnoreCase))
        {
            throw SqlErrors.NotImplemented("COPY INTO " + url[..url.IndexOf(':', StringComparison.Ordinal)] + ":// locations");
        }

        if (!url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw InvalidUrl(url);
        }

        var rest = url[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..];
        if (bucket.Length is < 3 or > 63 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.') ||
            path.StartsWith('/') || path.Contains("//", StringComparison.Ordinal) || path.Any(char.IsControl))
        {
            throw InvalidUrl(url);
        }

        var last = path.LastIndexOf('/');
        var folder = path[..(last + 1)];
        var name = path[(last + 1)..];
        return new UnloadLocation(url, bucket, folder, name);
    }

    /// <summary>The key of the <paramref name="index"/>-th file of a multi-file unload.</summary>
    public string FileKey(UnloadSettings settings, string? queryId, int index)
    {
        var prefix = NamePrefix.Length == 0 ? "data" : NamePrefix;
        var id = settings.IncludeQueryId && queryId is not null ? "_" + queryId : "";
        return Folder + prefix + id + "_0_0_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + settings.Extension;
    }

    /// <summary>The key of a SINGLE = TRUE unload: the path as written (<c>data</c> when it names only a folder).</summary>
    public string SingleKey => Folder + (NamePrefix.Length == 0 ? "data" : NamePrefix);

    private static SnowflakeSqlException InvalidUrl(string url) =>
        new("001003", "42000", $"SQL compilation error:\ninvalid URL prefix found in: '{url}'");
}
