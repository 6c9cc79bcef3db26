using ParquetSharp;

namespace Snowferry.Output.Internal;

/// <summary>
/// A Parquet file's row count from its footer metadata. The footer is at the end, so a stream that cannot seek (an S3
/// response) is first copied to a temporary file that is deleted when closed: memory stays one buffer, disk one file.
/// </summary>
internal static class ParquetRowCounter
{
    private const int BufferSize = 1 << 16;

    public static async ValueTask<long> CountAsync(Stream file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.CanSeek)
        {
            return ReadFooter(file);
        }

        var path = Path.Combine(Path.GetTempPath(), "snowferry-count-" + Guid.NewGuid().ToString("N") + ".parquet");
        var copy = new FileStream(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (copy.ConfigureAwait(false))
        {
            await file.CopyToAsync(copy, BufferSize, cancellationToken).ConfigureAwait(false);
            await copy.FlushAsync(cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            return ReadFooter(copy);
        }
    }

    private static long ReadFooter(Stream file)
    {
        try
        {
            using var reader = new ParquetFileReader(file, leaveOpen: true);
            return reader.FileMetaData.NumRows;
        }
        catch (ParquetException e)
        {
            throw new InvalidDataException($"Not a readable Parquet file: {e.Message}", e);
        }
    }
}
