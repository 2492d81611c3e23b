using System.Net;
using System.Net.Sockets;
using Engagement.Engine.Delivery;
using Engagement.Local.Channels;
using Engagement.Local.Configuration;

namespace Engagement.Local.Tests.Channels;

/// <summary>How the SMTP transport maps refusals, dead servers and dropped connections, over real TCP.</summary>
public sealed class SmtpFailureMappingTests
{
    private static SmtpOptions OptionsFor(int port, int timeoutSeconds = 10) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Tls = SmtpTlsMode.None,
        FromAddress = "news@shop.example",
        TimeoutSeconds = timeoutSeconds,
    };

    [Fact]
    public async Task SmtpSender_NothingListensOnThePort_ReturnsTransientFailure()
    {
        await using var sender = new SmtpChannelSender(OptionsFor(ClosedPort()), TimeProvider.System);

        var result = await sender.SendAsync(TestMessages.Email("<p>Hi</p>"), CancellationToken.None);

        Assert.Equal(SendStatus.TransientFailure, result.Status);
        Assert.Equal("smtp: connection failed (ConnectionRefused)", result.Reason);
    }

    [Theory]
    [InlineData("550 5.1.1 <ana.lima@mail.example>: Recipient address rejected: User unknown", SendStatus.InvalidContact, "smtp 550 5.1.1: recipient refused")]
    [InlineData("553 5.1.3 <ana.lima@mail.example>: bad address syntax", SendStatus.InvalidContact, "smtp 553 5.1.3: recipient refused")]
    [InlineData("551 User not local; please try <ana@elsewhere.example>", SendStatus.InvalidContact, "smtp 551: recipient refused")]
    [InlineData("554 5.7.1 <ana.lima@mail.example>: Relay access denied", SendStatus.PermanentFailure, "smtp 554 5.7.1: recipient refused")]
    [InlineData("452 4.2.2 <ana.lima@mail.example>: Mailbox full, try later", SendStatus.TransientFailure, "smtp 452 4.2.2: recipient refused")]
    [InlineData("450 4.7.1 <ana.lima@mail.example>: Greylisted", SendStatus.TransientFailure, "smtp 450 4.7.1: recipient refused")]
    public async Task SmtpSender_RecipientRefused_MapsTheCodeWithoutQuotingTheAddress(string reply, SendStatus expected, string reason)
    {
        await using var server = new ScriptedSmtpServer { RcptReply = reply };
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port), TimeProvider.System);

        var result = await sender.SendAsync(TestMessages.Email("<p>Hi</p>"), CancellationToken.None);

        Assert.Equal(new SendResult(expected, Reason: reason), result);
        Assert.DoesNotContain("@", result.Reason);
    }

    [Theory]
    [InlineData("554 5.7.1 Message rejected as spam", SendStatus.PermanentFailure)]
    [InlineData("550 5.1.1 The mailbox does not exist", SendStatus.InvalidContact)]
    [InlineData("451 4.3.0 Temporary local problem", SendStatus.TransientFailure)]
    public async Task SmtpSender_MessageRefusedAfterData_MapsTheCode(string reply, SendStatus expected)
    {
        await using var server = new ScriptedSmtpServer { DataReply = reply };
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port), TimeProvider.System);

        var result = await sender.SendAsync(TestMessages.Email("Hi"), CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.StartsWith("smtp " + reply[..3], result.Reason);
    }

    [Fact]
    public async Task SmtpSender_RecipientRefused_KeepsTheConnectionForTheNextMessage()
    {
        await using var server = new ScriptedSmtpServer { RcptReply = "550 5.1.1 unknown user" };
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port), TimeProvider.System);

        await sender.SendAsync(TestMessages.Email("one"), CancellationToken.None);
        var second = await sender.SendAsync(TestMessages.Email("two"), CancellationToken.None);

        Assert.Equal(SendStatus.InvalidContact, second.Status);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task SmtpSender_ServerClosedTheConnectionAfterAMessage_ReconnectsAndSends()
    {
        await using var server = new ScriptedSmtpServer { CloseAfterEachMessage = true };
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port), TimeProvider.System);

        var results = new List<SendResult>();
        for (var i = 0; i < 3; i++) results.Add(await sender.SendAsync(TestMessages.Email($"message {i}"), CancellationToken.None));

        Assert.All(results, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.Equal(3, server.MessagesAccepted);
        Assert.Equal(3, server.Connections);
    }

    [Fact]
    public async Task SmtpSender_ServerNeverGreets_ReturnsTransientFailureAfterTheTimeout()
    {
        await using var server = new ScriptedSmtpServer { Silent = true };
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port, timeoutSeconds: 1), TimeProvider.System);

        var result = await sender.SendAsync(TestMessages.Email("Hi"), CancellationToken.None);

        Assert.Equal(new SendResult(SendStatus.TransientFailure, Reason: "smtp: no answer within 1 s"), result);
    }

    [Fact]
    public async Task SmtpSender_CredentialsRefused_ReturnsPermanentFailure()
    {
        await using var server = new ScriptedSmtpServer { AuthReply = "535 5.7.8 Authentication credentials invalid" };
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port) with { User = "engage", Password = "wrong" }, TimeProvider.System);

        var result = await sender.SendAsync(TestMessages.Email("Hi"), CancellationToken.None);

        Assert.Equal(new SendResult(SendStatus.PermanentFailure, Reason: "smtp: authentication refused (check channels.email.smtp.user and password)"), result);
        Assert.Equal(0, server.MessagesAccepted);
    }

    [Fact]
    public async Task SmtpSender_CredentialsAccepted_Sends()
    {
        await using var server = new ScriptedSmtpServer { AuthReply = "235 2.7.0 Authentication successful" };
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port) with { User = "engage", Password = "right" }, TimeProvider.System);

        var result = await sender.SendAsync(TestMessages.Email("Hi"), CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        Assert.Equal(1, server.MessagesAccepted);
    }

    [Fact]
    public async Task SmtpSender_StartTlsRequiredButNotOffered_ReturnsPermanentFailureAndSendsNothing()
    {
        await using var server = new ScriptedSmtpServer();
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port) with { Tls = SmtpTlsMode.StartTls }, TimeProvider.System);

        var result = await sender.SendAsync(TestMessages.Email("Hi"), CancellationToken.None);

        Assert.Equal(new SendResult(SendStatus.PermanentFailure, Reason: "smtp: the server does not support what channels.email.smtp asks (tls, authentication)"), result);
        Assert.Equal(0, server.MessagesAccepted);
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("ana.lima@")]
    [InlineData("")]
    public async Task SmtpSender_InvalidAddress_ReturnsInvalidContactWithoutConnecting(string to)
    {
        await using var server = new ScriptedSmtpServer();
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port), TimeProvider.System);

        var result = await sender.SendAsync(TestMessages.Email("Hi", to: to), CancellationToken.None);

        Assert.Equal(new SendResult(SendStatus.InvalidContact, Reason: "smtp: the email address is not valid"), result);
        Assert.Equal(0, sender.ConnectionsOpened);
    }

    [Fact]
    public async Task SmtpSender_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = new ScriptedSmtpServer { Silent = true };
        await using var sender = new SmtpChannelSender(OptionsFor(server.Port), TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        var sending = sender.SendAsync(TestMessages.Email("Hi"), cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
