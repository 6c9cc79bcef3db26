using Snowferry.Output;
using Snowferry.Planning;
using Snowferry.Service.Configuration;
using Snowferry.Transfer;
using Snowferry.Unload;

namespace Snowferry.Service.Api;

/// <summary>
/// Turns a request's <c>options</c> into the library's <see cref="TransferOptions"/>, adding what only the server
/// chooses (the storage integration). Bad values are refused naming the field, in the request's own words.
/// </summary>
internal static class RequestOptions
{
    /// <summary>The library's options for a request; <see cref="RequestException"/> names the field at fault.</summary>
    public static TransferOptions ToTransferOptions(TransferRequestOptions? options, ServiceOptions server)
    {
        options ??= new TransferRequestOptions();
        var storageIntegration = server.StorageIntegration;
        var mode = Parse<TransferMode>(options.Mode, "mode", "stream, unload or auto") ?? TransferMode.Stream;
        if (mode != TransferMode.Stream && string.IsNullOrWhiteSpace(storageIntegration))
        {
            throw new RequestException(
                $"options.mode '{options.Mode}' needs a storage integration, which this service is not configured with: use mode 'stream' (the default), or ask the operator to configure one.");
        }

        var format = options.Format ?? "parquet";
        if (!OutputFormats.TryFind(format, out _))
        {
            throw new RequestException(
                $"options.format '{format}' is not a format snowferry writes: use one of {string.Join(", ", OutputFormats.All.Select(f => f.Name))}.");
        }

        try
        {
            return new TransferOptions
            {
                Plan = new TransferPlanOptions
                {
                    MonthColumns = options.MonthColumns ?? [],
                    KeyColumns = options.KeyColumns ?? [],
                    KeepColumns = options.KeepColumns ?? [],
                    DropColumns = options.DropColumns ?? [],
                    EpochColumns = options.EpochColumns ?? [],
                    EpochUnit = Parse<EpochUnit>(options.EpochUnit, "epoch_unit", "seconds, milliseconds, microseconds or nanoseconds") ?? EpochUnit.Seconds,
                },
                Format = format,
                Compression = Parse<OutputCompression>(options.Compression, "compression", "default, none, snappy, zstd or gzip") ?? OutputCompression.Default,
                KeyPrefix = options.Prefix,
                KeyTemplate = options.KeyTemplate,
                Overwrite = options.Overwrite ?? false,
                Verify = options.Verify ?? false,
                Mode = mode,
                StorageIntegration = mode == TransferMode.Stream ? null : storageIntegration,
                PartSize = server.PartSizeMiB * 1024 * 1024,
            };
        }
        catch (ArgumentException e)
        {
            throw new RequestException(RequestFields.InFields(e), e);
        }
    }

    private static T? Parse<T>(string? value, string field, string allowed)
        where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        // Names only: Enum.TryParse would also take "1" or "Seconds, Milliseconds".
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }

        throw new RequestException($"options.{field} '{value}' is not one of {allowed}.");
    }
}

/// <summary>A request the service refuses before accepting it: a <c>400 bad_request</c> whose message names the field.</summary>
public sealed class RequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RequestException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RequestException(string message)
        : base(message)
    {
    }
}
