using Engagement.Engine.Unsubscribe;
using Engagement.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using static Engagement.Functions.Tests.Http.HttpFunctionHost;

namespace Engagement.Functions.Tests.Http;

/// <summary>
/// <c>/api/unsubscribe?token=…</c>, called directly: opening the link (GET, as mail scanners do) changes nothing and shows a
/// button; the button or a one-click POST publishes the unsubscribe event; a tampered or expired link is refused.
/// </summary>
public sealed class UnsubscribeFunctionTests
{
    private static readonly UnsubscribeTokens Tokens = new(new byte[32]);

    [Fact]
    public async Task Get_ShowsTheButton_AndPublishesNothing()
    {
        var host = new HttpFunctionHost();

        var result = await new UnsubscribeFunction(Tokens, host.Publisher).RunAsync(Link("GET", Token(Duration.FromDays(1))), CancellationToken.None);

        Assert.Equal(200, Assert.IsType<ContentResult>(result).StatusCode);
        Assert.Contains("<form method=\"post\"", ((ContentResult)result).Content, StringComparison.Ordinal);
        Assert.Empty(host.Sender.Sent);
    }

    [Fact]
    public async Task Post_PublishesTheUnsubscribeForTheCustomer_OncePerToken()
    {
        var host = new HttpFunctionHost();
        var token = Token(Duration.FromDays(1));

        await new UnsubscribeFunction(Tokens, host.Publisher).RunAsync(Link("POST", token), CancellationToken.None);
        await new UnsubscribeFunction(Tokens, host.Publisher).RunAsync(Link("POST", token), CancellationToken.None);

        Assert.Equal(2, host.Sender.Sent.Count);
        Assert.All(host.Sender.Sent, m => Assert.Equal(("customer.unsubscribed", "c-1"), (m.Subject, m.SessionId)));
        Assert.Equal(host.Sender.Sent[0].MessageId, host.Sender.Sent[1].MessageId); // the same event id: the second is a duplicate downstream
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ATamperedOrExpiredLink_Is400_AndPublishesNothing(bool tampered)
    {
        var host = new HttpFunctionHost();
        var token = tampered ? Token(Duration.FromDays(1)) + "x" : Token(Duration.FromDays(-1));

        var result = await new UnsubscribeFunction(Tokens, host.Publisher).RunAsync(Link("POST", token), CancellationToken.None);

        Assert.Equal(400, Assert.IsType<ContentResult>(result).StatusCode);
        Assert.Empty(host.Sender.Sent);
    }

    private static string Token(Duration validFor) => Tokens.Create("c-1", "email", SystemClock.Instance.GetCurrentInstant() + validFor);

    private static HttpRequest Link(string method, string token)
    {
        var request = Request(method, "/api/unsubscribe", "", null);
        request.QueryString = QueryString.Create("token", token);
        return request;
    }
}
