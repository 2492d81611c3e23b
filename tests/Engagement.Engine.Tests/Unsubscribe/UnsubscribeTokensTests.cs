using System.Text;
using Engagement.Engine.Unsubscribe;
using NodaTime;
using static Engagement.Engine.Tests.Delivery.DeliveryFixture;

namespace Engagement.Engine.Tests.Unsubscribe;

public class UnsubscribeTokensTests
{
    private static readonly UnsubscribeTokens Tokens = new(Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef"));
    private static readonly Instant Now = At("2026-03-04T12:00:00Z");

    [Fact]
    public void TryValidate_FreshToken_GivesCustomerAndChannel()
    {
        var token = Tokens.Create("c.1/ü", "email", Now + Duration.FromDays(30));

        Assert.True(Tokens.TryValidate(token, Now, out var customer, out var channel, out var reason));
        Assert.Equal(("c.1/ü", "email", (string?)null), (customer, channel, reason));
    }

    [Fact]
    public void TryValidate_Expired_IsRejected()
    {
        var token = Tokens.Create("c1", "email", Now);

        Assert.False(Tokens.TryValidate(token, Now, out var customer, out _, out var reason));
        Assert.Equal((null, UnsubscribeTokens.Expired), (customer, reason));
    }

    [Fact]
    public void TryValidate_OtherCustomerSwappedIn_IsTampered()
    {
        var token = Tokens.Create("c1", "email", Now + Duration.FromDays(1));
        var other = Tokens.Create("c2", "email", Now + Duration.FromDays(1));
        var forged = other.Split('.')[0] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.False(Tokens.TryValidate(forged, Now, out _, out _, out var reason));
        Assert.Equal(UnsubscribeTokens.Tampered, reason);
    }

    [Fact]
    public void TryValidate_ChannelOrExpiryChanged_IsTampered()
    {
        var parts = Tokens.Create("c1", "email", Now + Duration.FromDays(1)).Split('.');

        Assert.False(Tokens.TryValidate($"{parts[0]}.all.{parts[2]}.{parts[3]}", Now, out _, out _, out var r1));
        Assert.False(Tokens.TryValidate($"{parts[0]}.{parts[1]}.99999999999.{parts[3]}", Now, out _, out _, out var r2));
        Assert.Equal((UnsubscribeTokens.Tampered, UnsubscribeTokens.Tampered), (r1, r2));
    }

    [Fact]
    public void TryValidate_AnotherKey_IsTampered()
    {
        var token = new UnsubscribeTokens(new byte[32]).Create("c1", "email", Now + Duration.FromDays(1));

        Assert.False(Tokens.TryValidate(token, Now, out _, out _, out var reason));
        Assert.Equal(UnsubscribeTokens.Tampered, reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("Yz.email.notanumber.AAAA")]
    [InlineData("!!.email.1.AAAA")]
    [InlineData("Yz.email.1.a.b")]
    public void TryValidate_Malformed_IsRejected(string? token)
    {
        Assert.False(Tokens.TryValidate(token, Now, out _, out _, out var reason));
        Assert.Equal(UnsubscribeTokens.Malformed, reason);
    }

    [Fact]
    public void Constructor_ShortKey_IsRefused() => Assert.Throws<ArgumentException>(() => new UnsubscribeTokens(new byte[16]));

    [Fact]
    public void Links_For_ValidatesBackToTheCustomer()
    {
        var links = new UnsubscribeLinks("https://example.com/unsubscribe", Tokens, Duration.FromDays(60));
        var link = links.For("c1", "sms", Now);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

        Assert.True(Tokens.TryValidate(token, Now + Duration.FromDays(59), out var customer, out var channel, out _));
        Assert.Equal(("c1", "sms"), (customer, channel));
        Assert.False(Tokens.TryValidate(token, Now + Duration.FromDays(60), out _, out _, out _));
        Assert.Equal($"<{link}>", UnsubscribeLinks.Headers(link)["List-Unsubscribe"]);
    }
}
