using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engagement.Engine.Delivery;
using Engagement.Local.Channels;
using Engagement.Local.Configuration;
using Microsoft.AspNetCore.Http;

namespace Engagement.Local.Tests.Channels;

/// <summary>The webhook transport against a real Kestrel receiver that verifies each signature.</summary>
public sealed class WebhookChannelSenderTests
{
    private const string Secret = "whsec-test-0123456789abcdef";
    private static readonly FixedTimeProvider Clock = FixedTimeProvider.At2026;

    [Fact]
    public async Task WebhookSender_GatewayAnswers200WithId_PostsSignedJsonAndReturnsTheProviderId()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, Clock.Now, WebhookReceiver.Answer(200, """{"id":"gw-4711","status":"queued"}"""));
        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());
        var sender = new WebhookChannelSender("sms", Options(receiver.Url), http, Clock);
        var message = TestMessages.Sms() with { Headers = OutboundMessage.EmptyHeaders.Add("X-Campaign", "spring") };

        var result = await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(SendResult.Ok("gw-4711"), result);
        var request = Assert.Single(receiver.Requests);
        Assert.True(request.SignatureValid);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/gateway/sms", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(message.LedgerKey, request.Headers["Idempotency-Key"]);
        var unix = Clock.Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var expectedMac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.ASCII.GetBytes(unix + "."), .. request.Body]));
        Assert.Equal($"t={unix},v1={expectedMac}", request.Headers[WebhookSignature.HeaderName]);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal(
            ["ledgerKey", "channel", "customerId", "to", "subject", "body", "headers", "journey", "step", "template", "locale"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(message.LedgerKey, root.GetProperty("ledgerKey").GetString());
        Assert.Equal("sms", root.GetProperty("channel").GetString());
        Assert.Equal("c000123", root.GetProperty("customerId").GetString());
        Assert.Equal("+4915112345678", root.GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("subject").ValueKind);
        Assert.Equal("Hi Ana, your code is 4711", root.GetProperty("body").GetString());
        Assert.Equal("spring", root.GetProperty("headers").GetProperty("X-Campaign").GetString());
        Assert.Equal("welcome", root.GetProperty("journey").GetString());
        Assert.Equal("sms-hello", root.GetProperty("step").GetString());
        Assert.Equal("welcome-sms", root.GetProperty("template").GetString());
        Assert.Equal("en", root.GetProperty("locale").GetString());
    }

    [Fact]
    public async Task WebhookSender_GatewayAnswers202WithoutBody_TakesTheProviderIdFromTheHeader()
    {
        var headers = new Dictionary<string, string> { ["X-Message-Id"] = "push-991" };
        await using var receiver = await WebhookReceiver.StartAsync(Secret, Clock.Now, WebhookReceiver.Answer(202, headers: headers));
        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());

        var result = await new WebhookChannelSender("push", Options(receiver.Url), http, Clock).SendAsync(TestMessages.Sms(), CancellationToken.None);

        Assert.Equal(SendResult.Ok("push-991"), result);
    }

    [Theory]
    [InlineData(500, null, SendStatus.TransientFailure, "webhook answered 500 Internal Server Error")]
    [InlineData(503, null, SendStatus.TransientFailure, "webhook answered 503 Service Unavailable")]
    [InlineData(429, null, SendStatus.TransientFailure, "webhook answered 429 Too Many Requests")]
    [InlineData(408, null, SendStatus.TransientFailure, "webhook answered 408 Request Timeout")]
    [InlineData(400, """{"error":"bad number +4915112345678"}""", SendStatus.PermanentFailure, "webhook answered 400 Bad Request")]
    [InlineData(401, null, SendStatus.PermanentFailure, "webhook answered 401 Unauthorized")]
    [InlineData(404, null, SendStatus.PermanentFailure, "webhook answered 404 Not Found")]
    [InlineData(410, null, SendStatus.InvalidContact, "webhook answered 410 Gone")]
    [InlineData(422, """{"error":"invalid_contact"}""", SendStatus.InvalidContact, "webhook answered 422 Unprocessable Entity (invalid_contact)")]
    [InlineData(422, """{"error":"body_too_long"}""", SendStatus.PermanentFailure, "webhook answered 422 Unprocessable Entity")]
    [InlineData(302, null, SendStatus.PermanentFailure, "webhook answered 302 Found (redirects are not followed)")]
    public async Task WebhookSender_GatewayAnswersAStatus_MapsItAndKeepsTheAnswerTextOutOfTheReason(int status, string? json, SendStatus expected, string reason)
    {
        var headers = status == 302 ? new Dictionary<string, string> { ["Location"] = "/elsewhere" } : null;
        await using var receiver = await WebhookReceiver.StartAsync(Secret, Clock.Now, WebhookReceiver.Answer(status, json, headers));
        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());

        var result = await new WebhookChannelSender("sms", Options(receiver.Url), http, Clock).SendAsync(TestMessages.Sms(), CancellationToken.None);

        Assert.Equal(new SendResult(expected, Reason: reason), result);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task WebhookSender_GatewayDoesNotAnswerInTime_ReturnsTransientFailure()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, Clock.Now, (_, context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());
        var sender = new WebhookChannelSender("sms", Options(receiver.Url) with { TimeoutSeconds = 1 }, http, Clock);

        var result = await sender.SendAsync(TestMessages.Sms(), CancellationToken.None);

        Assert.Equal(new SendResult(SendStatus.TransientFailure, Reason: "webhook: no answer within 1 s"), result);
    }

    [Fact]
    public async Task WebhookSender_NothingListens_ReturnsTransientFailure()
    {
        Uri url;
        await using (var receiver = await WebhookReceiver.StartAsync(Secret, Clock.Now, WebhookReceiver.Answer(200)))
        {
            url = receiver.Url;
        }

        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());
        var result = await new WebhookChannelSender("sms", Options(url), http, Clock).SendAsync(TestMessages.Sms(), CancellationToken.None);

        Assert.Equal(new SendResult(SendStatus.TransientFailure, Reason: "webhook: ConnectionError"), result);
    }

    [Fact]
    public async Task WebhookSender_ConfiguredHeaders_AreSentWithEveryRequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, Clock.Now, WebhookReceiver.Answer(204));
        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());
        var options = Options(receiver.Url) with { Headers = Options(receiver.Url).Headers.Add("Authorization", "Bearer gateway-token") };

        var result = await new WebhookChannelSender("sms", options, http, Clock).SendAsync(TestMessages.Sms(), CancellationToken.None);

        Assert.Equal(SendResult.Ok(), result);
        Assert.Equal("Bearer gateway-token", Assert.Single(receiver.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task WebhookSender_ReceiverWithAnotherSecret_RejectsTheSignature()
    {
        await using var receiver = await WebhookReceiver.StartAsync("another-secret-0123456789", Clock.Now, (request, context) =>
        {
            context.Response.StatusCode = request.SignatureValid ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());

        var result = await new WebhookChannelSender("sms", Options(receiver.Url), http, Clock).SendAsync(TestMessages.Sms(), CancellationToken.None);

        Assert.Equal(SendStatus.PermanentFailure, result.Status);
        Assert.False(Assert.Single(receiver.Requests).SignatureValid);
    }

    [Fact]
    public async Task WebhookSender_LedgerKeyWithNonAsciiCharacters_SendsThemPercentEncodedInTheIdempotencyKey()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, Clock.Now, WebhookReceiver.Answer(200));
        using var http = new HttpClient(ChannelTransports.CreateHttpHandler());
        var message = TestMessages.Sms() with { LedgerKey = "welcome-v1-jürgen 100%/hello/1" };

        var result = await new WebhookChannelSender("sms", Options(receiver.Url), http, Clock).SendAsync(message, CancellationToken.None);

        Assert.Equal(SendStatus.Sent, result.Status);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("welcome-v1-j%C3%BCrgen%20100%25/hello/1", request.Headers["Idempotency-Key"]);
        Assert.True(request.SignatureValid);
    }

    [Theory]
    [InlineData("welcome-v1-c000123-abc/hello/1", "welcome-v1-c000123-abc/hello/1")]
    [InlineData("birthday-v1-李娜/send/2027", "birthday-v1-%E6%9D%8E%E5%A8%9C/send/2027")]
    [InlineData("a%b", "a%25b")]
    public void IdempotencyKey_OfALedgerKey_IsItselfOrPercentEncoded(string ledgerKey, string expected)
    {
        Assert.Equal(expected, WebhookChannelSender.IdempotencyKeyOf(ledgerKey));
    }

    private static WebhookOptions Options(Uri url) => new() { Url = url, Secret = Secret, TimeoutSeconds = 10 };
}
