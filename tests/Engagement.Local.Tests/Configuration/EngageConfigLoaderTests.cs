using Engagement.Local.Configuration;

namespace Engagement.Local.Tests.Configuration;

/// <summary>Loading engage.json and ENGAGE_ variables into <see cref="EngageOptions"/>.</summary>
public sealed class EngageConfigLoaderTests
{
    [Fact]
    public void ConfigLoader_EmptyFile_GivesTheDefaultsWithPathsBesideTheFile()
    {
        using var config = new TempConfig("{}");

        var options = EngageConfigLoader.Load(config.Path, config.Prefix);

        Assert.Equal(Path.Combine(config.Folder, "engage.db"), options.Database);
        Assert.Equal(Path.Combine(config.Folder, "journeys"), options.Journeys);
        Assert.Equal(["http://127.0.0.1:5080"], options.Http.Urls);
        Assert.Empty(options.Http.ApiKeys);
        Assert.Equal(1024 * 1024, options.Http.MaxBodyBytes);
        Assert.Null(options.PublicBaseUrl);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), options.EffectivePublicBaseUrl);
        Assert.Null(options.UnsubscribeSigningKey);
        Assert.All(ChannelsOptions.Names, c => Assert.Equal(ChannelOptions.Outbox, options.Channels.For(c)));
    }

    [Fact]
    public void ConfigLoader_DocumentedExample_LoadsEveryValue()
    {
        using var config = new TempConfig(TempConfig.DocumentedExample());

        var options = EngageConfigLoader.Load(config.Path, config.Prefix);

        Assert.Equal(Path.Combine(config.Folder, "data", "engage.db"), options.Database);
        Assert.Equal(new Uri("https://engage.shop.example"), options.PublicBaseUrl);
        Assert.Empty(options.Http.ApiKeys);
        Assert.Equal(("crm", Engagement.Local.Security.EngageRole.Ingest), (options.Http.Keys[0].Name, options.Http.Keys[0].Role));
        Assert.Equal(365, options.AuditRetentionDays);
        var smtp = options.Channels.Email.Smtp!;
        Assert.Equal(ChannelTransportKind.Smtp, options.Channels.Email.Transport);
        Assert.Equal(("smtp.shop.example", 587, SmtpTlsMode.StartTls, "engage"), (smtp.Host, smtp.EffectivePort, smtp.Tls, smtp.User));
        Assert.Equal(("news@shop.example", "Example Shop", 30), (smtp.FromAddress, smtp.FromName, smtp.TimeoutSeconds));
        var webhook = options.Channels.Sms.Webhook!;
        Assert.Equal(ChannelTransportKind.Webhook, options.Channels.Sms.Transport);
        Assert.Equal(new Uri("https://sms-gateway.shop.example/engage"), webhook.Url);
        Assert.Equal(10, webhook.TimeoutSeconds);
        Assert.Equal("Bearer set-me-too", webhook.Headers["authorization"]);
        Assert.Equal(ChannelOptions.Outbox, options.Channels.Push);
    }

    [Fact]
    public void ConfigLoader_EnvironmentVariables_OverrideTheFile()
    {
        using var config = new TempConfig("""
            { "channels": { "email": { "transport": "smtp", "smtp": { "host": "smtp.shop.example", "fromAddress": "news@shop.example", "user": "engage", "password": "from-the-file" } } } }
            """);
        config.Set("Channels__Email__Smtp__Password", "from-the-environment")
            .Set("channels__email__smtp__tls", "ssl")
            .Set("Http__Urls__0", "http://127.0.0.1:6000")
            .Set("Http__Urls__1", "http://[::1]:6000")
            .Set("Channels__Push__Transport", "webhook")
            .Set("Channels__Push__Webhook__Url", "http://127.0.0.1:7000/push")
            .Set("Channels__Push__Webhook__Secret", "push-secret-0123456789");

        var options = EngageConfigLoader.Load(config.Path, config.Prefix);

        Assert.Equal("from-the-environment", options.Channels.Email.Smtp!.Password);
        Assert.Equal((SmtpTlsMode.Ssl, 465), (options.Channels.Email.Smtp.Tls, options.Channels.Email.Smtp.EffectivePort));
        Assert.Equal(["http://127.0.0.1:6000", "http://[::1]:6000"], options.Http.Urls);
        Assert.Equal(new Uri("http://127.0.0.1:7000/push"), options.Channels.Push.Webhook!.Url);
    }

    [Fact]
    public void ConfigLoader_UrlsAsOneString_AreSplitAtSemicolons()
    {
        using var config = new TempConfig("""{ "http": { "urls": "http://127.0.0.1:5080; http://127.0.0.1:5081" } }""");

        Assert.Equal(["http://127.0.0.1:5080", "http://127.0.0.1:5081"], EngageConfigLoader.Load(config.Path, config.Prefix).Http.Urls);
    }

    [Fact]
    public void ConfigLoader_KestrelWildcardHost_IsAcceptedAndLinksPointAtLocalhost()
    {
        using var config = new TempConfig("""{ "http": { "urls": ["http://*:5080", "http://+:5081"] } }""");

        var options = EngageConfigLoader.Load(config.Path, config.Prefix);

        Assert.Equal(["http://*:5080", "http://+:5081"], options.Http.Urls);
        Assert.Equal(new Uri("http://localhost:5080"), options.EffectivePublicBaseUrl);
    }

    [Fact]
    public void ConfigLoader_OtherEngageVariablesAtTheTopLevel_AreIgnored()
    {
        using var config = new TempConfig("{}");
        config.Set("NO_SERVICES", "1").Set("TOOLS_DIR", "/tmp/tools");

        var options = EngageConfigLoader.Load(config.Path, config.Prefix);

        Assert.Equal(ChannelOptions.Outbox, options.Channels.Email);
    }

    [Fact]
    public void ConfigLoader_TypoInsideAKnownSectionOfAVariable_IsAnError()
    {
        using var config = new TempConfig("{}");
        config.Set("Channels__Email__Transprt", "smtp");

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Equal(["channels.email.Transprt: unknown setting; expected one of transport, smtp, webhook"], error.Errors);
    }

    [Fact]
    public void ConfigLoader_AbsoluteDatabasePath_IsKept()
    {
        var database = Path.Combine(Path.GetTempPath(), "elsewhere", "engage.db");
        using var config = new TempConfig($$"""{ "database": {{System.Text.Json.JsonSerializer.Serialize(database)}} }""");

        Assert.Equal(database, EngageConfigLoader.Load(config.Path, config.Prefix).Database);
    }

    [Fact]
    public void ConfigLoader_GivenFileMissing_SaysSo()
    {
        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load("/nonexistent/engage.json", null));

        Assert.Equal(["file not found"], error.Errors);
        Assert.StartsWith("/nonexistent/engage.json: 1 configuration error(s):", error.Message);
    }

    [Fact]
    public void ConfigLoader_FileNotJson_SaysWhereWithoutQuotingIt()
    {
        using var config = new TempConfig("{ \"channels\": { \"email\": { \"transport\": \"smtp\", } \n  \"password\": hunter2-secret }");

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Equal(["not valid JSON at line 2, byte 3"], error.Errors);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void ConfigLoader_FileNotJson_IsOneLineWithFileLineAndColumn()
    {
        using var config = new TempConfig("{\n  \"database\": \"engage.db\"\n  \"journeys\": \"journeys\"\n}");

        var error = Assert.Throws<EngageConfigException>(() => EngageConfigLoader.Load(config.Path, config.Prefix));

        Assert.Equal(config.Path + ":3:3: not valid JSON (a missing comma or quote just before?)", error.Message);
    }
}
