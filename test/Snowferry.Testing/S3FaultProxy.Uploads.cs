using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Snowferry.Testing;

public sealed partial class S3FaultProxy
{
    private static readonly XNamespace s_s3 = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>
    /// A ListMultipartUploads answer built from the record (see <see cref="EmulateListMultipartUploads"/>): S3's XML, so
    /// the SDK's own parser reads it.
    /// </summary>
    private async Task AnswerUploadListAsync(HttpContext context, S3ProxyRecord record)
    {
        var query = context.Request.Query;
        var bucket = record.Path.Trim('/');
        var prefix = query["prefix"].FirstOrDefault() ?? "";
        var keyMarker = query["key-marker"].FirstOrDefault();
        var uploadIdMarker = query["upload-id-marker"].FirstOrDefault();
        var open = OpenUploads().ToHashSet(StringComparer.Ordinal);
        var uploads = Records
            .Where(r => r.Operation == S3Operation.CreateMultipartUpload && r.UploadId is not null && open.Contains(r.UploadId))
            .Select(r => (Key: r.Path.TrimStart('/')[(bucket.Length + 1)..], Id: r.UploadId!))
            .Where(u => u.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .ThenBy(u => u.Id, StringComparer.Ordinal)
            .Where(u => keyMarker is null
                || string.CompareOrdinal(u.Key, keyMarker) > 0
                || (uploadIdMarker is not null && u.Key == keyMarker && string.CompareOrdinal(u.Id, uploadIdMarker) > 0))
            .ToList();
        var page = uploads.Take(ListMultipartUploadsPageSize).ToList();
        var truncated = uploads.Count > page.Count;
        var result = new XElement(
            s_s3 + "ListMultipartUploadsResult",
            new XElement(s_s3 + "Bucket", bucket),
            new XElement(s_s3 + "KeyMarker", keyMarker ?? ""),
            new XElement(s_s3 + "UploadIdMarker", uploadIdMarker ?? ""),
            new XElement(s_s3 + "NextKeyMarker", truncated ? page[^1].Key : ""),
            new XElement(s_s3 + "NextUploadIdMarker", truncated ? page[^1].Id : ""),
            new XElement(s_s3 + "Prefix", prefix),
            new XElement(s_s3 + "MaxUploads", ListMultipartUploadsPageSize),
            new XElement(s_s3 + "IsTruncated", truncated ? "true" : "false"),
            page.Select(u => new XElement(
                s_s3 + "Upload",
                new XElement(s_s3 + "Key", u.Key),
                new XElement(s_s3 + "UploadId", u.Id),
                new XElement(s_s3 + "StorageClass", "STANDARD"),
                new XElement(s_s3 + "Initiated", "2026-01-01T00:00:00.000Z"))));
        record.Status = StatusCodes.Status200OK;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(new XDeclaration("1.0", "UTF-8", null) + "\n" + result.ToString(SaveOptions.DisableFormatting));
    }
}
