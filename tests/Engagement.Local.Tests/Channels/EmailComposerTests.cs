using Engagement.Engine.Delivery;
using Engagement.Local.Channels;
using Engagement.Local.Configuration;
using MimeKit;

namespace Engagement.Local.Tests.Channels;

/// <summary>How a rendered message becomes a MIME email (no server needed).</summary>
public sealed class EmailComposerTests
{
    private static readonly EmailComposer Composer = new(new SmtpOptions { Host = "localhost", FromAddress = "news@shop.example" }, FixedTimeProvider.At2026);

    [Fact]
    public void MessageId_SameLedgerKey_IsTheSameAndHidesTheKey()
    {
        var key = "welcome-v1-c000123-abc/hello/1";

        var id = EmailComposer.MessageIdFor(key, "shop.example");

        Assert.Equal(id, EmailComposer.MessageIdFor(key, "shop.example"));
        Assert.NotEqual(id, EmailComposer.MessageIdFor(key.Replace("/1", "/2", StringComparison.Ordinal), "shop.example"));
        Assert.Matches("^engage\\.[0-9a-f]{32}@shop\\.example$", id);
        Assert.DoesNotContain("c000123", id);
    }

    [Fact]
    public void Composer_HeadersTheTransportOwns_AreNotOverriddenByTheMessage()
    {
        var headers = OutboundMessage.EmptyHeaders.Add("Message-Id", "<forged@evil.example>").Add("From", "ceo@shop.example").Add("Reply-To", "care@shop.example");
        var message = TestMessages.Email("Hi", headers: headers);

        Assert.True(Composer.TryCompose(message, out var email, out _));

        Assert.Equal(Composer.MessageIdOf(message.LedgerKey), email.MessageId);
        Assert.Equal("news@shop.example", ((MailboxAddress)email.From[0]).Address);
        Assert.Equal("care@shop.example", email.Headers["Reply-To"]);
    }

    [Theory]
    [InlineData("X-Tag", "a\r\nBcc: victim@example.com")]
    [InlineData("Bad Name", "value")]
    public void Composer_HeaderWithALineBreakOrABadName_IsAPermanentFailure(string name, string value)
    {
        var message = TestMessages.Email("Hi", headers: OutboundMessage.EmptyHeaders.Add(name, value));

        Assert.False(Composer.TryCompose(message, out _, out var failure));

        Assert.Equal(SendStatus.PermanentFailure, failure.Status);
        Assert.DoesNotContain("victim", failure.Reason);
    }

    [Fact]
    public void Composer_NoSubject_SendsAnEmptySubject()
    {
        Assert.True(Composer.TryCompose(TestMessages.Email("Hi", subject: null), out var email, out _));

        Assert.Equal("", email.Subject);
    }

    [Theory]
    [InlineData("<p>Hello</p>", true)]
    [InlineData("<!DOCTYPE html><html><body>Hi</body></html>", true)]
    [InlineData("Hi<br>there", true)]
    [InlineData("<table><tr><td>1</td></tr></table>", true)]
    [InlineData("Prices < 10 EUR and > 5 EUR", false)]
    [InlineData("Use the code <SPRING10> at checkout", false)]
    [InlineData("Hello Ana", false)]
    public void Html_LooksLikeHtml_OnlyForMarkup(string body, bool expected)
    {
        Assert.Equal(expected, HtmlText.LooksLikeHtml(body));
    }

    [Fact]
    public void Html_PlainTextAlternative_KeepsStructureLinksAndEntitiesButNoMarkup()
    {
        var html = """
            <html><head><title>Ignored</title><style>p { color: red }</style></head>
            <body>
              <h1>Hello&nbsp;Ana &amp; Ben</h1>
              <p>Your   points:
                 <b>120</b></p>
              <ul><li>First</li><li>Second</li></ul>
              <p><a href="https://shop.example/x">https://shop.example/x</a> or <a href="https://shop.example/y">see offers</a><br>Bye</p>
              <img src="logo.png" alt="Example Shop"><script>alert(1)</script>
            </body></html>
            """;

        var text = HtmlText.ToPlainText(html);

        Assert.Equal("Hello\u00a0Ana & Ben\n\nYour points: 120\n\n- First\n- Second\n\nhttps://shop.example/x or see offers (https://shop.example/y)\nBye\n\nExample Shop\n", text);
    }
}
