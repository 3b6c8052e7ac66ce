using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using MimeKit;

namespace FrontrunnerAtlas.Tests.Infrastructure;

/// <summary>
/// A small SMTP server on a free loopback port that keeps what it is sent: the service's MailKit client talks real
/// SMTP to it over TCP (greeting, EHLO, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT), and each message is
/// parsed back with MimeKit. It offers no extensions (no STARTTLS, AUTH or 8BITMIME), so the client sends plain
/// 7-bit text as it would to the most basic relay.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<(IReadOnlyList<string> Recipients, MimeMessage Message)> _received = Channel.CreateUnbounded<(IReadOnlyList<string>, MimeMessage)>();
    private readonly Task _accepting;
    private int _count;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The service's settings that send its mail here (plain SMTP on loopback).</summary>
    public IDictionary<string, string?> ServiceSettings(IDictionary<string, string?> others)
    {
        others["Accounts:Smtp:Host"] = "127.0.0.1";
        others["Accounts:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        others["Accounts:Smtp:Security"] = "None";
        others["Accounts:Smtp:From"] = "FrontrunnerAtlas <atlas@example.eu>";
        return others;
    }

    /// <summary>Messages received so far (taken or not).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The next message in the order received, with its envelope recipients; fails after <paramref name="timeout"/>.</summary>
    public async Task<(IReadOnlyList<string> Recipients, MimeMessage Message)> NextAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no mail arrived at the SMTP sink within {timeout}");
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var ct = _stop.Token;
        try
        {
            // Latin-1 keeps every byte as it came; a 7-bit message is ASCII anyway.
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink.test SMTP test sink");
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 sink.test");
                        break;
                    case "MAIL":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        recipients.Add(line[(line.IndexOf(':') + 1)..].Trim().Trim('<', '>'));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var text = new StringBuilder();
                        while (await reader.ReadLineAsync(ct) is { } data && data != ".")
                            text.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append("\r\n");
                        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(text.ToString())), ct);
                        Interlocked.Increment(ref _count);
                        await _received.Writer.WriteAsync(([.. recipients], message), ct);
                        await writer.WriteLineAsync("250 OK: queued");
                        break;
                    case "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The sink is stopping, or the client hung up.
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
