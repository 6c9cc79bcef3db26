using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Transfer;
using DuckDB.NET.Data;
using Snowferry.LocalSnowflake.Engine.Storage;

namespace Snowferry.LocalSnowflake.Engine.Unload;

/// <summary>One written and uploaded file: its key in the bucket, the name COPY reports, its size and rows.</summary>
internal sealed record UnloadedFile(string Key, string Name, long Size, long Rows);

/// <summary>
/// Writes a query's result as Snowflake's unload does: DuckDB's <c>COPY (…) TO</c> writes the files into a private temp
/// folder, split at about MAX_FILE_SIZE (at row-group boundaries for Parquet), then each file that holds rows is uploaded
/// to S3 through AWSSDK.S3 with the integration's credentials, one at a time (a file is streamed from disk, never held
/// in memory). A result without rows writes no file. The temp folder is deleted whatever happens.
/// </summary>
internal static class LocalUnloader
{
    /// <summary>Parquet row groups: small enough that MAX_FILE_SIZE can split a file, never fewer rows than DuckDB's vector.</summary>
    private const long MinRowGroupRows = 2048;

    private const long MaxRowGroupRows = 122_880;

    /// <summary>Part size of the multipart uploads of unloaded files, and the size from which a file goes in parts.</summary>
    private const int UploadPartSize = 8 * 1024 * 1024;

    public static IReadOnlyList<UnloadedFile> Run(
        DuckDBConnection connection,
        string selectSql,
        int columnCount,
        UnloadSettings settings,
        UnloadLocation location,
        LocalStorageIntegration integration,
        string? queryId,
        string? tempRoot,
        CancellationToken cancellationToken)
    {
        var folder = tempRoot is null
            ? Directory.CreateTempSubdirectory("snowferry-unload-").FullName
            : Directory.CreateDirectory(Path.Combine(tempRoot, "snowferry-unload-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var written = Write(connection, selectSql, columnCount, settings, folder, cancellationToken);
            if (written.Count == 0)
            {
                return [];
            }

            var config = new AmazonS3Config
            {
                ServiceURL = integration.ServiceUrl.AbsoluteUri.TrimEnd('/'),
                ForcePathStyle = true,
                AuthenticationRegion = integration.Region,
            };
            using var s3 = new AmazonS3Client(new BasicAWSCredentials(integration.AccessKeyId, integration.SecretAccessKey), config);
            var files = written.Select((w, i) =>
            {
                var key = settings.Single ? location.SingleKey : location.FileKey(settings, queryId, i);
                return (w.Path, File: new UnloadedFile(key, key[location.Folder.Length..], new FileInfo(w.Path).Length, w.Rows));
            }).ToList();
            if (!settings.Overwrite)
            {
                foreach (var (_, file) in files)
                {
                    if (Exists(s3, location, file.Key, cancellationToken))
                    {
                        throw new SnowflakeSqlException("001030", "22000",
                            $"Files already existing at the unload destination: {location.Url}. Use overwrite option to force unloading.");
                    }
                }
            }

            // Multipart from 8 MiB on, as S3 clients do for large files: a file up to MAX_FILE_SIZE (5 GB) in one PUT is
            // more than S3-compatible servers take (the test S3 server refuses bodies over 11 MiB).
            using var transfer = new TransferUtility(s3, new TransferUtilityConfig { MinSizeBeforePartUpload = UploadPartSize });
            foreach (var (path, file) in files)
            {
                Call(location, async () =>
                {
                    await transfer.UploadAsync(
                        new TransferUtilityUploadRequest { BucketName = location.Bucket, Key = file.Key, FilePath = path, PartSize = UploadPartSize },
                        cancellationToken).ConfigureAwait(false);
                    return file.Key;
                });
            }

            return [.. files.Select(f => f.File)];
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static List<(string Path, long Rows)> Write(DuckDBConnection connection, string selectSql, int columnCount, UnloadSettings settings, string folder, CancellationToken cancellationToken)
    {
        var options = new List<string>();
        if (settings.Format == UnloadFormat.Parquet)
        {
            options.Add("FORMAT PARQUET");
            options.Add(settings.Compressed ? "COMPRESSION SNAPPY" : "COMPRESSION UNCOMPRESSED");
            var rowGroup = Math.Clamp(settings.MaxFileSize / 256, MinRowGroupRows, MaxRowGroupRows);
            options.Add("ROW_GROUP_SIZE " + rowGroup.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            options.Add("FORMAT CSV");
            options.Add(settings.Compressed ? "COMPRESSION GZIP" : "COMPRESSION NONE");
            options.Add("HEADER " + (settings.Header ? "true" : "false"));
            options.Add("DELIMITER " + Native.Quote(settings.FieldDelimiter));
            options.Add("NULLSTR " + Native.Quote(settings.NullString));
            if (settings.EnclosedBy is { } quote)
            {
                options.Add("QUOTE " + Native.Quote(quote));
            }
        }

        string target;
        if (settings.Single)
        {
            target = Path.Combine(folder, "single");
        }
        else
        {
            target = Path.Combine(folder, "out");
            options.Add("FILE_SIZE_BYTES " + settings.MaxFileSize.ToString(CultureInfo.InvariantCulture));
            options.Add("FILENAME_PATTERN 'part_{i}'");
        }

        var files = new List<(string Path, long Rows)>();
        if (settings.Format == UnloadFormat.Parquet)
        {
            options.Add("RETURN_STATS");
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY ({selectSql}) TO {Native.Quote(target)} ({string.Join(", ", options)})";
            using var registration = cancellationToken.CanBeCanceled ? cancellationToken.Register(command.Cancel) : default;
            using var reader = command.ExecuteReader();
            var name = reader.GetOrdinal("filename");
            var count = reader.GetOrdinal("count");
            while (reader.Read())
            {
                var rows = Convert.ToInt64(reader.GetValue(count), CultureInfo.InvariantCulture);
                if (rows > 0)
                {
                    files.Add((reader.GetString(name), rows));
                }
            }
        }
        else
        {
            // DuckDB has no RETURN_STATS for CSV: count each written file's records by reading it back, schema fixed.
            Native.Run(connection, $"COPY ({selectSql}) TO {Native.Quote(target)} ({string.Join(", ", options)})", cancellationToken);
            string[] paths = settings.Single ? (File.Exists(target) ? [target] : []) : Directory.Exists(target) ? Directory.GetFiles(target) : [];
            var schema = string.Join(", ", Enumerable.Range(0, columnCount).Select(i => $"'c{i.ToString(CultureInfo.InvariantCulture)}': 'VARCHAR'"));
            foreach (var path in paths)
            {
                using var command = connection.CreateCommand();
                command.CommandText =
                    $"SELECT count(*) FROM read_csv({Native.Quote(path)}, auto_detect = false, header = {(settings.Header ? "true" : "false")}, " +
                    $"delim = {Native.Quote(settings.FieldDelimiter)}, quote = {Native.Quote(settings.EnclosedBy ?? "\"")}, " +
                    $"compression = {(settings.Compressed ? "'gzip'" : "'none'")}, columns = {{{schema}}})";
                var rows = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (rows > 0)
                {
                    files.Add((path, rows));
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (settings.Single && files.Count == 1 && new FileInfo(files[0].Path).Length > settings.MaxFileSize)
        {
            throw SqlErrors.Execution(string.Create(CultureInfo.InvariantCulture,
                $"Max file size ({settings.MaxFileSize}) exceeded for unload single file mode. We recommend that you increase the max file size parameter, or disable single-file mode in the unload command and combine the unloaded files into a single file after you download them."));
        }

        // part_0, part_1, … in the order DuckDB wrote them (the query's order), numerically.
        return [.. files.OrderBy(f => Ordinal(f.Path))];
    }

    private static long Ordinal(string path)
    {
        var name = Path.GetFileName(path);
        var digits = new string([.. name.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit)]);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private static bool Exists(AmazonS3Client s3, UnloadLocation location, string key, CancellationToken cancellationToken)
    {
        try
        {
            Call(location, () => s3.GetObjectMetadataAsync(location.Bucket, key, cancellationToken));
            return true;
        }
        catch (SnowflakeSqlException e) when (e.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound })
        {
            return false;
        }
    }

    /// <summary>Runs one S3 call to completion; S3's refusals become Snowflake's "Failure using stage area".</summary>
    private static void Call<T>(UnloadLocation location, Func<Task<T>> call)
    {
        try
        {
            call().GetAwaiter().GetResult();
        }
        catch (AmazonServiceException e)
        {
            throw new SnowflakeSqlException(
                "091003",
                "22000",
                $"Failure using stage area. Cause: [{e.ErrorCode ?? e.StatusCode.ToString()} (Status Code: {(int)e.StatusCode}) writing to {location.Url}]",
                e);
        }
        catch (AmazonClientException e)
        {
            throw new SnowflakeSqlException("091003", "22000", $"Failure using stage area. Cause: [{e.Message}]", e);
        }
    }
}
