using System.Net;
using Engagement.Engine.Delivery;
using Engagement.Functions.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;

namespace Engagement.Functions.Tests.Channels;

/// <summary>
/// The Twilio SMS sender with the real Twilio library building the request (<c>MessageResource.CreateAsync</c>) over a fake
/// <see cref="ITwilioRestClient"/> that records it and answers as Twilio does (or throws the <see cref="ApiException"/> the
/// real client throws for an error answer): the callback URL carries the ids that route the status report, and Twilio's
/// error codes map to an invalid contact, a retry or a permanent failure.
/// </summary>
public sealed class TwilioSmsSenderTests
{
    private static readonly Uri Callback = new("https://engage.invalid/api/delivery/twilio");

    [Fact]
    public async Task TheMessage_GoesFromTheConfiguredNumber_WithAStatusCallbackNamingCustomerAndLedgerKey()
    {
        var client = new FakeTwilio();

        var result = await Sender(client).SendAsync(Messages.Outbound("enr-1/welcome-sms/1", "Welcome!", "sms", "+447700900001"), CancellationToken.None);

        Assert.Equal(SendResult.Ok("SM0001"), result);
        var request = Assert.Single(client.Requests);
        var fields = request.PostParams.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(("+447700900001", "+15550001111", "Welcome!"), (fields["To"], fields["From"], fields["Body"]));
        Assert.Equal("https://engage.invalid/api/delivery/twilio?customerId=c-1&ledgerKey=enr-1%2Fwelcome-sms%2F1", fields["StatusCallback"]);
    }

    [Theory]
    [InlineData(21211, 400, SendStatus.InvalidContact)]
    [InlineData(21610, 400, SendStatus.InvalidContact)]
    [InlineData(20429, 429, SendStatus.TransientFailure)]
    [InlineData(20500, 503, SendStatus.TransientFailure)]
    [InlineData(20003, 401, SendStatus.PermanentFailure)]
    public async Task AnErrorAnswer_MapsByTwiliosCodeAndStatus(int code, int status, SendStatus expected)
    {
        var client = new FakeTwilio { Failure = new ApiException(code, status, "refused", "https://www.twilio.com/docs/errors", null, null) };

        var result = await Sender(client).SendAsync(Messages.Outbound("k/1", "x", "sms", "+447700900001"), CancellationToken.None);

        Assert.Equal((expected, $"twilio:{code}"), (result.Status, result.Reason));
    }

    private static TwilioSmsSender Sender(FakeTwilio client) => new(client, "+15550001111", Callback, NullLogger<TwilioSmsSender>.Instance);

    private sealed class FakeTwilio : ITwilioRestClient
    {
        public List<Request> Requests { get; } = [];

        public ApiException? Failure { get; init; }

        public string AccountSid => "ACtest";

        public string Region => null!;

        public Twilio.Http.HttpClient HttpClient => null!;

        public Response Request(Request request) => throw new NotSupportedException("the sender calls RequestAsync");

        public Task<Response> RequestAsync(Request request)
        {
            Requests.Add(request);
            return Failure is { } failure
                ? Task.FromException<Response>(failure)
                : Task.FromResult(new Response(HttpStatusCode.Created, """{ "sid": "SM0001", "status": "queued", "account_sid": "ACtest" }""", null));
        }
    }
}
