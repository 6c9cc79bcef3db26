using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Snowferry.Testing;

/// <summary>
/// A fault-injecting HTTP proxy on loopback between AWSSDK.S3 and the local S3 server: it passes every request through,
/// records each S3 operation (with its upload id and answer), and on cue answers 503 SlowDown / 500 InternalError with
/// S3's XML error bodies, resets the connection, stalls until the client gives up, or goes down altogether. It can also
/// play AWS's conditional writes (412 PreconditionFailed to <c>If-None-Match: *</c> when the key exists), which the
/// emulator ignores.
/// </summary>
public sealed partial class S3FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly ConcurrentQueue<S3ProxyRecord> _records = new();
    private readonly List<ArmedFault> _faults = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _down;
    private volatile bool _downAllowsAbort;

    private S3FaultProxy(WebApplication app, HttpClient upstream, Uri address)
    {
        _app = app;
        _upstream = upstream;
        ServiceUrl = address;
    }

    /// <summary>The proxy's address: give it to the S3 client as its endpoint.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>Every request seen, in arrival order.</summary>
    public IReadOnlyList<S3ProxyRecord> Records => [.. _records];

    /// <summary>Answer a conditional write (<c>If-None-Match: *</c>) with 412 when the key exists, as AWS S3 does.</summary>
    public bool EmulateConditionalWrites { get; set; }

    /// <summary>
    /// Answer ListMultipartUploads (<c>GET /bucket?uploads</c>) from the record, which the emulator cannot: the uploads
    /// created through the proxy and not completed or aborted, as S3 lists them (by key, then upload id; by prefix; in
    /// pages of <see cref="ListMultipartUploadsPageSize"/> with key and upload-id markers).
    /// </summary>
    public bool EmulateListMultipartUploads { get; set; }

    /// <summary>The most uploads one emulated ListMultipartUploads page holds (S3's <c>max-uploads</c>, 1000 by default).</summary>
    public int ListMultipartUploadsPageSize { get; set; } = 1000;

    /// <summary>Called with each request before it is forwarded (e.g. to plant an object "meanwhile").</summary>
    public Func<S3ProxyRecord, Task>? BeforeForward { get; set; }

    /// <summary>Completes when a request has been stalled by <see cref="S3Fault.Stall"/>.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Starts the proxy in front of <paramref name="upstream"/> (the S3 server's address).</summary>
    public static async Task<S3FaultProxy> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = upstream,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        S3FaultProxy? proxy = null;
        app.Run(context => proxy!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy = new S3FaultProxy(app, http, new Uri(address));
        return proxy;
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> requests of <paramref name="operation"/> with <paramref name="fault"/>,
    /// after letting <paramref name="skip"/> of them through.
    /// </summary>
    public void Arm(S3Operation operation, S3Fault fault, int count = 1, int skip = 0)
    {
        lock (_lock)
        {
            _faults.Add(new ArmedFault(operation, fault, count, skip));
        }
    }

    /// <summary>
    /// The server "dies": every later request has its connection reset. With <paramref name="allowAbort"/>, aborts of
    /// multipart uploads still get through (the server is back by the time the client cleans up).
    /// </summary>
    public void GoDown(bool allowAbort)
    {
        _downAllowsAbort = allowAbort;
        _down = true;
    }

    /// <summary>The server is back.</summary>
    public void ComeBack() => _down = false;

    /// <summary>Forgets the record and every armed fault.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _faults.Clear();
        }

        _records.Clear();
        _stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _down = false;
        EmulateConditionalWrites = false;
        EmulateListMultipartUploads = false;
        ListMultipartUploadsPageSize = 1000;
        BeforeForward = null;
    }

    /// <summary>
    /// Multipart uploads created and never completed nor aborted (by the proxy's record: the emulator cannot list them).
    /// </summary>
    public IReadOnlyList<string> OpenUploads()
    {
        var records = Records;
        var created = records.Where(r => r.Operation == S3Operation.CreateMultipartUpload && r.UploadId is not null).Select(r => r.UploadId!);
        var closed = records.Where(r => r.Operation is S3Operation.CompleteMultipartUpload or S3Operation.AbortMultipartUpload
            && r.Status is >= 200 and < 300).Select(r => r.UploadId).ToHashSet();
        return [.. created.Where(id => !closed.Contains(id))];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var record = new S3ProxyRecord(
            Classify(request.Method, request.Query),
            Uri.UnescapeDataString(request.Path.Value ?? "/"),
            request.Query["uploadId"].FirstOrDefault(),
            request.Headers.IfNoneMatch.FirstOrDefault());
        _records.Enqueue(record);

        if (_down && !(_downAllowsAbort && record.Operation == S3Operation.AbortMultipartUpload))
        {
            record.Fault = S3Fault.ConnectionReset;
            context.Abort();
            return;
        }

        var fault = TakeFault(record.Operation);
        if (fault is not null)
        {
            record.Fault = fault;
            await AnswerFaultAsync(context, record, fault.Value);
            return;
        }

        if (EmulateListMultipartUploads && record.Operation == S3Operation.ListMultipartUploads)
        {
            await AnswerUploadListAsync(context, record);
            return;
        }

        if (BeforeForward is { } hook)
        {
            await hook(record);
        }

        if (EmulateConditionalWrites && record.IfNoneMatch == "*"
            && record.Operation is S3Operation.PutObject or S3Operation.CompleteMultipartUpload
            && await ExistsUpstreamAsync(request.Path.Value!, context.RequestAborted))
        {
            await AnswerFaultAsync(context, record, S3Fault.PreconditionFailed);
            return;
        }

        await ForwardAsync(context, record);
    }

    private S3Fault? TakeFault(S3Operation operation)
    {
        lock (_lock)
        {
            foreach (var armed in _faults)
            {
                if (armed.Operation != operation || armed.Count <= 0)
                {
                    continue;
                }

                if (armed.Skip > 0)
                {
                    armed.Skip--;
                    return null;
                }

                armed.Count--;
                return armed.Fault;
            }
        }

        return null;
    }

    private async Task AnswerFaultAsync(HttpContext context, S3ProxyRecord record, S3Fault fault)
    {
        // Drain the body first, as a server does before answering (the client may still be sending).
        await DrainAsync(context);
        switch (fault)
        {
            case S3Fault.ConnectionReset:
                context.Abort();
                return;
            case S3Fault.Stall:
                _stalled.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
        }

        var (status, code, message) = fault switch
        {
            S3Fault.SlowDown => (503, "SlowDown", "Please reduce your request rate."),
            S3Fault.InternalError => (500, "InternalError", "We encountered an internal error. Please try again."),
            _ => (412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold"),
        };
        record.Status = status;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><Resource>{record.Path}</Resource><RequestId>snowferry-proxy</RequestId></Error>";
        await context.Response.WriteAsync(body, Encoding.UTF8);
    }

    private static async Task DrainAsync(HttpContext context)
    {
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
        }
    }

    private async Task<bool> ExistsUpstreamAsync(string path, CancellationToken cancellationToken)
    {
        using var head = new HttpRequestMessage(HttpMethod.Head, path.TrimStart('/'));
        using var response = await _upstream.SendAsync(head, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task ForwardAsync(HttpContext context, S3ProxyRecord record)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), (request.Path.Value ?? "/").TrimStart('/') + request.QueryString.Value);
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var header in request.Headers)
        {
            if (header.Key is "Host" or "Transfer-Encoding" or "Connection" or "Expect")
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value))
            {
                message.Content?.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _upstream.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            record.Fault = S3Fault.ConnectionReset;
            context.Abort();
            return;
        }

        using (response)
        {
            record.Status = (int)response.StatusCode;
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (header.Key is "Transfer-Encoding" or "Connection")
                {
                    continue;
                }

                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            if (record.Operation == S3Operation.CreateMultipartUpload)
            {
                var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
                record.UploadId = UploadIdPattern().Match(Encoding.UTF8.GetString(body)) is { Success: true } m ? m.Groups[1].Value : null;
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
                return;
            }

            if (request.Method != HttpMethods.Head)
            {
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }
        }
    }

    private static S3Operation Classify(string method, IQueryCollection query) => method switch
    {
        "POST" when query.ContainsKey("uploads") => S3Operation.CreateMultipartUpload,
        "POST" when query.ContainsKey("uploadId") => S3Operation.CompleteMultipartUpload,
        "PUT" when query.ContainsKey("uploadId") => S3Operation.UploadPart,
        "DELETE" when query.ContainsKey("uploadId") => S3Operation.AbortMultipartUpload,
        "PUT" => S3Operation.PutObject,
        "HEAD" => S3Operation.HeadObject,
        "GET" when query.ContainsKey("uploads") => S3Operation.ListMultipartUploads,
        "GET" => S3Operation.GetObject,
        "DELETE" => S3Operation.DeleteObject,
        _ => S3Operation.Other,
    };

    [GeneratedRegex("<UploadId>([^<]+)</UploadId>")]
    private static partial Regex UploadIdPattern();

    private sealed class ArmedFault(S3Operation operation, S3Fault fault, int count, int skip)
    {
        public S3Operation Operation { get; } = operation;

        public S3Fault Fault { get; } = fault;

        public int Count { get; set; } = count;

        public int Skip { get; set; } = skip;
    }
}
