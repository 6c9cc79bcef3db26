using Snowferry.Manifest;
using Snowferry.Transfer;

namespace Snowferry.Service.Allowlists;

/// <summary>
/// The object keys the library writes for a transfer, built the way it builds them (<c>TransferRun.Create</c>,
/// <c>StreamStrategy</c>, <c>UnloadStrategy.Prepare</c>, <c>ObjectKeys</c>), with the run's time, id and extension
/// replaced by stand-ins of the same shape: those never hold a slash, a dot segment or an escape, so they cannot move a
/// key to another folder. The key template goes through the library's own <see cref="TransferKeyTemplate.Expand"/>.
/// </summary>
internal static class LibraryKeys
{
    /// <summary>Stands in for the run's start (the library formats it in UTC; <c>{date:…}</c> gives digits and names).</summary>
    private static readonly DateTimeOffset s_sampleTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string SampleId = "00000000";

    private const string SampleExtension = "parquet";

    private const string SampleRun = "run-20000101T000000Z_00000000";

    /// <summary>
    /// The destination's prefix joined with <see cref="TransferOptions.KeyPrefix"/> trimmed of its slashes, as
    /// <c>TransferRun.KeyPrefix</c>: the destination's alone when the key prefix is blank or only slashes.
    /// </summary>
    public static string KeyPrefix(string destinationPrefix, string? keyPrefix)
    {
        var trimmed = string.IsNullOrWhiteSpace(keyPrefix) ? "" : keyPrefix.Trim('/');
        return trimmed.Length == 0 ? destinationPrefix : Join(destinationPrefix, trimmed);
    }

    /// <summary>
    /// The table's name as one key segment, as the library makes it (<c>ObjectKeys.NameSegment</c>): slashes and
    /// backslashes become '_', and a table named '.' or '..' is written '_.' or '_..'.
    /// </summary>
    public static string TableSegment(string table)
    {
        var segment = table.Replace('/', '_').Replace('\\', '_');
        return segment is "." or ".." ? "_" + segment : segment;
    }

    /// <summary>The key template expanded by the library for <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentException">The library refuses the template (unknown placeholder, a '.' or '..' segment…).</exception>
    public static string ExpandTemplate(string template, QualifiedTable table) => TransferKeyTemplate.Expand(
        template, new TransferKeyValues(TableSegment(table.Name), table.Schema, table.Database, s_sampleTime, SampleId, SampleExtension));

    /// <summary>
    /// Every key a transfer could write under <paramref name="keyPrefix"/>: the streamed file (from
    /// <paramref name="expandedTemplate"/>, or the default <c>TABLE/TABLE_stamp_id.ext</c>) and its manifest; without a
    /// template also an unload's run folder (a file Snowflake names in it, and its manifest), for modes unload and auto.
    /// </summary>
    public static IReadOnlyList<string> All(string keyPrefix, string? expandedTemplate, QualifiedTable table)
    {
        var segment = TableSegment(table.Name);
        var data = expandedTemplate is null
            ? Join(keyPrefix, $"{segment}/{segment}_20000101T000000Z_{SampleId}.{SampleExtension}")
            : Join(keyPrefix, expandedTemplate);
        var keys = new List<string> { data, data + TransferManifest.KeySuffix };
        if (expandedTemplate is null)
        {
            // UnloadStrategy.Prepare: the prefix (trimmed by TransferRun), then the table and the run folder.
            var folder = (keyPrefix.Length == 0 ? "" : keyPrefix + "/") + segment + "/" + SampleRun + "/";
            keys.Add(folder + "data_0_0_0.snappy.parquet");
            keys.Add(folder + TransferManifest.RunFolderFileName);
        }

        return keys;
    }

    /// <summary><c>ObjectKeys.Join</c>: one slash between a trimmed prefix and the key; the key alone under no prefix.</summary>
    private static string Join(string prefix, string key)
    {
        var trimmed = prefix.Trim('/');
        return trimmed.Length == 0 ? key.TrimStart('/') : trimmed + "/" + key.TrimStart('/');
    }
}
