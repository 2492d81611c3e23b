using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Engagement.Local.Tests.Channels;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 that answers what a test scripts (a refused recipient, a busy server, a silent one, a
/// connection closed after each message), so the transport's mapping of real SMTP conversations can be checked.
/// </summary>
internal sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;
    private int _messages;

    public ScriptedSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The reply to RCPT TO.</summary>
    public string RcptReply { get; init; } = "250 2.1.5 Ok";

    /// <summary>The reply after the message data.</summary>
    public string DataReply { get; init; } = "250 2.0.0 Ok: queued";

    /// <summary>The reply to AUTH, which the server advertises when this is set.</summary>
    public string? AuthReply { get; init; }

    /// <summary>Sends no greeting at all (a server that hangs).</summary>
    public bool Silent { get; init; }

    /// <summary>Closes the connection after each accepted message, as a server with a short idle timeout does.</summary>
    public bool CloseAfterEachMessage { get; init; }

    public int Connections => Volatile.Read(ref _connections);

    public int MessagesAccepted => Volatile.Read(ref _messages);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            if (Silent)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }

            await writer.WriteLineAsync("220 scripted.test ESMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync(AuthReply is null ? "250-scripted.test\r\n250 8BITMIME" : "250-scripted.test\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                        break;
                    case "AUTH":
                        if (line.Split(' ').Length == 2)
                        {
                            await writer.WriteLineAsync("334 ");
                            await reader.ReadLineAsync(_stop.Token);
                        }

                        await writer.WriteLineAsync(AuthReply ?? "503 5.5.1 No AUTH here");
                        break;
                    case "RCPT":
                        await writer.WriteLineAsync(RcptReply);
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                        {
                        }

                        // Counted before the reply: the client may look at the count as soon as it reads the reply.
                        if (DataReply.StartsWith('2')) Interlocked.Increment(ref _messages);
                        await writer.WriteLineAsync(DataReply);
                        if (CloseAfterEachMessage) return;
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
