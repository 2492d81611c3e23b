using Engagement.Local.Configuration;

namespace Engagement.Local.Tests.Configuration;

/// <summary>Wrong settings give errors that name the setting's path, all at once, and never quote a value.</summary>
public sealed class EngageOptionsValidationTests
{
    private const string DuplicateKeyDetail = "A duplicate key 'database' was found.";
    private const string Smtp = """ "transport": "smtp", "smtp": { "host": "smtp.shop.example", "fromAddress": "news@shop.example" """;
    private const string Webhook = """ "transport": "webhook", "webhook": { "url": "https://gw.example/sms", "secret": "0123456789abcdef" """;

    [Theory]
    [InlineData("""{ "channels": { "sms": { "transport": "webhook", "webhook": { "url": "gw.example/sms", "secret": "0123456789abcdef" } } } }""", "channels.sms.webhook.url: expected an absolute http(s) URL")]
    [InlineData("""{ "channels": { "sms": { "transport": "webhook", "webhook": { "url": "ftp://gw.example/sms", "secret": "0123456789abcdef" } } } }""", "channels.sms.webhook.url: expected an absolute http(s) URL")]
    [InlineData("""{ "channels": { "sms": { "transport": "webhook", "webhook": { "secret": "0123456789abcdef" } } } }""", "channels.sms.webhook.url: required when channels.sms.transport is webhook; expected an absolute http(s) URL")]
    [InlineData("""{ "channels": { "push": { "transport": "webhook", "webhook": { "url": "https://gw.example/push" } } } }""", "channels.push.webhook.secret: required when channels.push.transport is webhook (the HMAC-SHA256 signing key, at least 16 characters)")]
    [InlineData("""{ "channels": { "push": {""" + Webhook + """, "timeoutSeconds": 0 } } } }""", "channels.push.webhook.timeoutSeconds: expected a whole number from 1 to 600")]
    [InlineData("""{ "channels": { "push": {""" + Webhook + """, "headers": { "Idempotency-Key": "x" } } } } }""", "channels.push.webhook.headers.Idempotency-Key: set by the webhook transport itself; remove it")]
    [InlineData("""{ "channels": { "sms": { "transport": "smtp" } } }""", "channels.sms.transport: smtp sends email only; expected outbox or webhook")]
    [InlineData("""{ "channels": { "email": { "transport": "pigeon" } } }""", "channels.email.transport: expected one of outbox, smtp, webhook")]
    [InlineData("""{ "channels": { "fax": { } } }""", "channels.fax: unknown setting; expected one of email, sms, push")]
    [InlineData("""{ "channels": { "email": { "transport": "smtp", "smtp": { "fromAddress": "news@shop.example" } } } }""", "channels.email.smtp.host: required when channels.email.transport is smtp")]
    [InlineData("""{ "channels": { "email": { "transport": "smtp", "smtp": { "host": "smtp.shop.example" } } } }""", "channels.email.smtp.fromAddress: required when channels.email.transport is smtp, e.g. news@shop.example")]
    [InlineData("""{ "channels": { "email": { "transport": "smtp", "smtp": { "host": "smtp.shop.example", "fromAddress": "Example Shop <news@shop.example>" } } } }""", "channels.email.smtp.fromAddress: expected an email address such as news@shop.example (put the display name in fromName)")]
    [InlineData("""{ "channels": { "email": {""" + Smtp + """, "port": 70000 } } } }""", "channels.email.smtp.port: expected a whole number from 1 to 65535")]
    [InlineData("""{ "channels": { "email": {""" + Smtp + """, "port": "submission" } } } }""", "channels.email.smtp.port: expected a whole number from 1 to 65535")]
    [InlineData("""{ "channels": { "email": {""" + Smtp + """, "tls": "tls1.3" } } } }""", "channels.email.smtp.tls: expected one of none, starttls, ssl")]
    [InlineData("""{ "channels": { "email": {""" + Smtp + """, "user": "engage" } } } }""", "channels.email.smtp.password: required when user is set (use ENGAGE_Channels__Email__Smtp__Password)")]
    [InlineData("""{ "channels": { "email": {""" + Smtp + """, "fromAdress": "x@shop.example" } } } }""", "channels.email.smtp.fromAdress: unknown setting; expected one of host, port, tls, user, password, fromAddress, fromName, messageIdDomain, timeoutSeconds")]
    [InlineData("""{ "http": { "urls": [] , "maxBodyBytes": 10 } }""", "http.maxBodyBytes: expected a whole number from 1024 to 268435456")]
    [InlineData("""{ "http": { "urls": ["http://127.0.0.1:5080", "localhost:5080"] } }""", "http.urls[1]: expected an absolute http(s) URL such as http://127.0.0.1:5080")]
    [InlineData("""{ "http": { "apiKeys": ["good-key", "bad key"] } }""", "http.apiKeys[1]: expected a key without spaces")]
    [InlineData("""{ "http": { "port": 80 } }""", "http.port: unknown setting; expected one of urls, apiKeys, keys, maxBodyBytes, behindProxy")]
    [InlineData("""{ "publicBaseUrl": "/engage" }""", "publicBaseUrl: expected an absolute http(s) URL")]
    [InlineData("""{ "unsubscribeSigningKey": "short" }""", "unsubscribeSigningKey: expected at least 16 characters")]
    [InlineData("""{ "databse": "x.db" }""", "databse: unknown setting; expected one of $schema, database, http, journeys, publicBaseUrl, unsubscribeSigningKey, keyFile, channels, integrations, auditRetentionDays")]
    [InlineData("""{ "database": { "path": "x.db" } }""", "database: expected a string, found an object or a list")]
    public void Validation_WrongSetting_NamesItsPath(string json, string expected)
    {
        using var config = new TempConfig(json);

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Contains(expected, error.Errors);
    }

    [Fact]
    public void Validation_DuplicateKey_IsReportedAsInvalidJson()
    {
        using var config = new TempConfig("""{ "database": "a.db", "database": "b.db" }""");

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Equal(["not valid JSON: " + DuplicateKeyDetail], error.Errors);
    }

    [Fact]
    public void Validation_SeveralWrongSettings_AreAllReportedAtOnce()
    {
        using var config = new TempConfig("""
            {
              "http": { "maxBodyBytes": -1 },
              "channels": {
                "email": { "transport": "smtp", "smtp": { "host": "smtp.shop.example" } },
                "sms": { "transport": "webhook", "webhook": { "url": "not a url", "secret": "0123456789abcdef" } },
                "push": { "transport": "smtp" }
              }
            }
            """);

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Equal(
            [
                "http.maxBodyBytes: expected a whole number from 1024 to 268435456",
                "channels.email.smtp.fromAddress: required when channels.email.transport is smtp, e.g. news@shop.example",
                "channels.sms.webhook.url: expected an absolute http(s) URL",
                "channels.push.transport: smtp sends email only; expected outbox or webhook",
            ],
            error.Errors);
        Assert.Contains(config.Path + ": 4 configuration error(s):", error.Message);
    }

    [Fact]
    public void Validation_ShortSecretsAndBadValues_AreNotQuotedInErrors()
    {
        using var config = new TempConfig("""
            { "unsubscribeSigningKey": "tiny-s3cr3t", "channels": { "sms": { "transport": "webhook", "webhook": { "url": "https://gw.example", "secret": "sh0rt-s3cr3t", "timeoutSeconds": "p4ssw0rd" } } } }
            """);

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Equal(3, error.Errors.Count);
        Assert.DoesNotContain("s3cr3t", error.Message);
        Assert.DoesNotContain("p4ssw0rd", error.Message);
    }

    [Fact]
    public void Validation_UnselectedTransportSettings_AreIgnored()
    {
        using var config = new TempConfig("""{ "channels": { "sms": { "transport": "outbox", "webhook": { "url": "half-configured" } } } }""");

        Assert.Equal(ChannelOptions.Outbox, EngageConfigLoader.Load(config.Path, config.Prefix).Channels.Sms);
    }
}
