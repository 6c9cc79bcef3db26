using System.IO.Compression;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Snowferry.Destinations;
using Snowferry.Destinations.Local;
using Snowferry.Destinations.S3;

namespace Snowferry.Transfer;

/// <summary>
/// <c>--verify</c>: reads a committed file back from its destination, hashing it as it streams, and counts its rows
/// (Parquet: the footer's row count; CSV: records after the header; JSON Lines: lines; JSON: the array's elements),
/// never holding the file in memory.
/// </summary>
internal static class TransferReadBack
{
    private const int BufferSize = 1 << 16;

    /// <summary>Reads the file back; throws when its SHA-256 differs from the commit's, else returns its row count.</summary>
    public static async Task<long> ReadAsync(
        ITransferDestination destination, DestinationCommit commit, string format, bool gzip, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), "snowferry-verify-" + Guid.NewGuid().ToString("N"));
        try
        {
            string sha256;
            var source = await OpenAsync(destination, commit, cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
                await using (copy.ConfigureAwait(false))
                {
                    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                    var buffer = new byte[BufferSize];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                }
            }

            if (!string.Equals(sha256, commit.Sha256, StringComparison.Ordinal))
            {
                throw new TransferIntegrityException(
                    $"--verify read {commit.Location} back and its SHA-256 is {sha256}, not the {commit.Sha256} written. Do not use the file; run the transfer again with --overwrite.");
            }

            try
            {
                return await CountRowsAsync(temp, format, gzip, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ParquetSharp.ParquetException or InvalidDataException)
            {
                throw new TransferIntegrityException($"--verify read {commit.Location} back and cannot read it as {format}: {e.GetType().Name}.", e);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<Stream> OpenAsync(ITransferDestination destination, DestinationCommit commit, CancellationToken cancellationToken)
    {
        switch (destination)
        {
            case S3Destination s3:
                try
                {
                    var response = await s3.Client.GetObjectAsync(
                        new GetObjectRequest { BucketName = s3.Bucket, Key = commit.Key, VersionId = commit.VersionId },
                        cancellationToken).ConfigureAwait(false);
                    return new OwnedStream(response.ResponseStream, response);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new TransferIntegrityException(
                        $"--verify could not read {commit.Location} back ({S3Errors.Map(e, s3.Bucket, commit.Location).Message}); the file is committed but unverified.", e);
                }

            case LocalFolderDestination folder:
                return new FileStream(folder.PathOf(commit.Key), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
            default:
                throw new TransferIntegrityException($"--verify cannot read back from a {destination.GetType().Name}.");
        }
    }

    internal static async Task<long> CountRowsAsync(string path, string format, bool gzip, CancellationToken cancellationToken)
    {
        if (format == "parquet")
        {
            using var reader = new ParquetSharp.ParquetFileReader(path);
            return reader.FileMetaData.NumRows;
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            var text = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            await using (text.ConfigureAwait(false))
            {
                return format switch
                {
                    "csv" => Math.Max(0, await CountCsvRecordsAsync(text, cancellationToken).ConfigureAwait(false) - 1),
                    "jsonl" => await CountLinesAsync(text, cancellationToken).ConfigureAwait(false),
                    "json" => await CountArrayElementsAsync(text, cancellationToken).ConfigureAwait(false),
                    _ => throw new TransferIntegrityException($"--verify cannot count the rows of a '{format}' file."),
                };
            }
        }
    }

    /// <summary>RFC 4180 records: line ends outside double quotes; a last record without a line end counts too.</summary>
    private static async Task<long> CountCsvRecordsAsync(Stream stream, CancellationToken cancellationToken)
    {
        long records = 0;
        var quoted = false;
        var pending = false;
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'"')
                {
                    quoted = !quoted;
                    pending = true;
                }
                else if (b == (byte)'\n' && !quoted)
                {
                    records++;
                    pending = false;
                }
                else if (b != (byte)'\r')
                {
                    pending = true;
                }
            }
        }

        return records + (pending ? 1 : 0);
    }

    /// <summary>Non-empty lines: JSON escapes line feeds inside strings, so a raw one always ends a row.</summary>
    private static async Task<long> CountLinesAsync(Stream stream, CancellationToken cancellationToken)
    {
        long lines = 0;
        var pending = false;
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'\n')
                {
                    lines += pending ? 1 : 0;
                    pending = false;
                }
                else if (b is not ((byte)'\r' or (byte)' ' or (byte)'\t'))
                {
                    pending = true;
                }
            }
        }

        return lines + (pending ? 1 : 0);
    }

    /// <summary>The top-level array's object elements, scanning structure outside strings.</summary>
    private static async Task<long> CountArrayElementsAsync(Stream stream, CancellationToken cancellationToken)
    {
        long elements = 0;
        var depth = 0;
        var inString = false;
        var escaped = false;
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (b == (byte)'\\')
                    {
                        escaped = true;
                    }
                    else if (b == (byte)'"')
                    {
                        inString = false;
                    }

                    continue;
                }

                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        if (depth == 1 && b == (byte)'{')
                        {
                            elements++;
                        }

                        depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        depth--;
                        break;
                }
            }
        }

        return elements;
    }

    /// <summary>A response stream that disposes its response with it.</summary>
    private sealed class OwnedStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
