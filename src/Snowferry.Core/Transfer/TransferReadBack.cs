using System.Security.Cryptography;
using Snowferry.Destinations;
using Snowferry.Output;

namespace Snowferry.Transfer;

/// <summary>
/// <c>--verify</c>: reads a committed file back through its destination, hashing it as it streams into a temporary file,
/// then has its format count the rows there, never holding the file in memory. The temporary file gives every format a
/// seekable copy (Parquet's row count is in its footer) and is the bytes that were hashed.
/// </summary>
internal static class TransferReadBack
{
    private const int BufferSize = 1 << 16;

    /// <summary>Reads the file back; throws when its SHA-256 differs from the commit's, else returns its row count.</summary>
    public static async Task<long> ReadAsync(
        ITransferDestination destination, DestinationCommit commit, IOutputFormat format, OutputWriterOptions options, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), "snowferry-verify-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sha256 = await CopyAsync(destination, commit, temp, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(sha256, commit.Sha256, StringComparison.Ordinal))
            {
                throw new TransferIntegrityException(
                    $"The read-back (TransferOptions.Verify) of {commit.Location} hashed to SHA-256 {sha256}, not the {commit.Sha256} written. Do not use the file; {TransferMessages.RunAgainWithOverwrite}.");
            }

            var file = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (file.ConfigureAwait(false))
            {
                try
                {
                    return await format.CountRowsAsync(file, options, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    throw new TransferIntegrityException($"The read-back (TransferOptions.Verify) of {commit.Location} cannot read it as {format.Name}: {e.Message}", e);
                }
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Copies the object to <paramref name="path"/> and returns its SHA-256, lower-case hex.</summary>
    private static async Task<string> CopyAsync(ITransferDestination destination, DestinationCommit commit, string path, CancellationToken cancellationToken)
    {
        Stream source;
        try
        {
            source = await destination.OpenReadAsync(commit, cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationException e)
        {
            throw new TransferIntegrityException($"The read-back (TransferOptions.Verify) could not read {commit.Location} ({e.Message}); the file is committed but unverified.", e);
        }

        await using (source.ConfigureAwait(false))
        {
            var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
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

                return Convert.ToHexStringLower(hash.GetHashAndReset());
            }
        }
    }
}
