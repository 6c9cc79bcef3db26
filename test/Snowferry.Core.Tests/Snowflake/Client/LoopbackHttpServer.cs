using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Snowferry.Tests.Snowflake.Client;

/// <summary>One request as the loopback server parsed it off the wire.</summary>
internal sealed record WireRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>The answer: status, body, extra headers, and optionally a connection dropped after some body bytes.</summary>
internal sealed record WireReply(int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null, int? DropAfterBytes = null);

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1, port 0, written on raw sockets so tests can break a response mid-body
/// the way a real network does (Content-Length promised, connection closed early).
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<WireRequest, WireReply> _respond;
    private readonly Task _acceptLoop;

    public LoopbackHttpServer(Func<WireRequest, WireReply> respond)
    {
        _respond = respond;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (await ReadRequestAsync(stream) is { } request)
                {
                    var reply = _respond(request);
                    var head = new StringBuilder()
                        .Append("HTTP/1.1 ").Append(reply.Status).Append(" X\r\n")
                        .Append("Content-Length: ").Append(reply.Body.Length).Append("\r\n")
                        .Append("Content-Type: application/json\r\n");
                    foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
                    {
                        head.Append(name).Append(": ").Append(value).Append("\r\n");
                    }

                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), _stop.Token);
                    if (reply.DropAfterBytes is { } drop)
                    {
                        await stream.WriteAsync(reply.Body.AsMemory(0, drop), _stop.Token);
                        await stream.FlushAsync(_stop.Token);
                        client.Client.Shutdown(SocketShutdown.Both);
                        return;
                    }

                    await stream.WriteAsync(reply.Body, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private async Task<WireRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (header.Count < 4 || !(header[^4] == '\r' && header[^3] == '\n' && header[^2] == '\r' && header[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            header.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. header]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return new WireRequest(parts[0], parts[1], headers, Encoding.UTF8.GetString(body));
    }
}
