namespace Snowferry.Output;

/// <summary>What a written file is, for naming the object and setting its HTTP headers.</summary>
/// <param name="Extension">File extension with its dot, including compression (<c>.parquet</c>, <c>.csv.gz</c>).</param>
/// <param name="ContentType">MIME type of the stored bytes (<c>application/gzip</c> for a gzip'd text file, so a
/// download keeps its <c>.gz</c> rather than being transparently unpacked by a browser).</param>
public sealed record OutputFileType(string Extension, string ContentType);
