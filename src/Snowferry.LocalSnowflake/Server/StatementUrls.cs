using System.Globalization;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>The relative URLs the responses carry (<c>statementStatusUrl</c>, <c>Link</c>).</summary>
internal static class StatementUrls
{
    public const string Statements = "/api/v2/statements";

    /// <summary>
    /// <c>/api/v2/statements/{handle}?requestId=…&amp;partition=0</c>, the shape of SQL_API.md's example response: polling
    /// it returns the whole result set once the statement is done.
    /// </summary>
    public static string Status(string handle, string? requestId) => Partition(handle, requestId, 0);

    public static string Partition(string handle, string? requestId, int partition) =>
        requestId is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Statements}/{handle}?partition={partition}")
            : string.Create(CultureInfo.InvariantCulture, $"{Statements}/{handle}?requestId={Uri.EscapeDataString(requestId)}&partition={partition}");

    /// <summary>
    /// The <c>Link</c> header of a 200: <c>rel="first"</c>, <c>"next"</c>, <c>"prev"</c> and <c>"last"</c> partitions,
    /// comma-separated as RFC 8288 has it.
    /// </summary>
    public static string Links(string handle, string? requestId, int partition, int partitionCount)
    {
        var last = Math.Max(partitionCount - 1, 0);
        var links = new List<string> { Link(handle, requestId, 0, "first") };
        if (partition < last)
        {
            links.Add(Link(handle, requestId, partition + 1, "next"));
        }

        if (partition > 0)
        {
            links.Add(Link(handle, requestId, partition - 1, "prev"));
        }

        links.Add(Link(handle, requestId, last, "last"));
        return string.Join(',', links);
    }

    private static string Link(string handle, string? requestId, int partition, string rel) =>
        $"<{Partition(handle, requestId, partition)}>;rel=\"{rel}\"";
}
