using Engagement.Local.Configuration;

namespace Engagement.Local.Tests.Configuration;

/// <summary>Printing options (as a log line or in a debugger) never shows a secret.</summary>
public sealed class OptionsRedactionTests
{
    [Fact]
    public void Options_ToString_ShowsSettingsButNoSecret()
    {
        using var config = new TempConfig(TempConfig.DocumentedExample());
        config.Set("Channels__Email__Smtp__Password", "smtp-password-from-env")
            .Set("Channels__Sms__Webhook__Url", "https://sms-gateway.shop.example/engage?token=url-token-value");

        var text = EngageConfigLoader.Load(config.Path, config.Prefix).ToString();

        Assert.Contains("smtp.shop.example", text);
        Assert.Contains("https://sms-gateway.shop.example/engage", text);
        Assert.Contains("***", text);
        foreach (var secret in (string[])["smtp-password-from-env", "set-me-with", "crm-key-change-me-0001", "Bearer set-me-too", "url-token-value", "User = engage"])
        {
            Assert.DoesNotContain(secret, text);
        }
    }
}
