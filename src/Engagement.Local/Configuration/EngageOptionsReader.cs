using System.Collections.Immutable;
using Engagement.Engine.Integrations;
using Engagement.Journeys.Channels;
using MimeKit;

namespace Engagement.Local.Configuration;

/// <summary>Reads and validates <see cref="EngageOptions"/> from a <see cref="ConfigNode"/> tree, collecting every error.</summary>
internal static class EngageOptionsReader
{
    public const int MinSecretLength = 16;

    private static readonly string[] RootKeys = ["$schema", "database", "http", "journeys", "publicBaseUrl", "unsubscribeSigningKey", "keyFile", "channels", "integrations", "auditRetentionDays"];

    public static string[] KnownRootKeys => RootKeys;

    public static EngageOptions Read(ConfigNode root)
    {
        var defaults = EngageOptions.Default;
        var signingKey = root.String("unsubscribeSigningKey");
        if (signingKey is { Length: < MinSecretLength }) root.Error("unsubscribeSigningKey", $"expected at least {MinSecretLength} characters");
        return new EngageOptions
        {
            Database = root.String("database") ?? defaults.Database,
            Journeys = root.String("journeys") ?? defaults.Journeys,
            PublicBaseUrl = root.HttpUrl("publicBaseUrl"),
            UnsubscribeSigningKey = signingKey,
            KeyFile = root.String("keyFile") is { Length: > 0 } keyFile ? keyFile : null,
            Http = ReadHttp(root.Child("http")),
            Channels = ReadChannels(root.Child("channels")),
            Integrations = IntegrationsReader.Read(root.Child("integrations")),
            AuditRetentionDays = (int)root.Integer("auditRetentionDays", defaults.AuditRetentionDays, 1, 36500),
        };
    }

    private static HttpOptions ReadHttp(ConfigNode http)
    {
        http.RejectUnknown("urls", "apiKeys", "keys", "maxBodyBytes", "behindProxy");
        var defaults = new HttpOptions();
        var urls = http.List("urls") ?? defaults.Urls;
        if (urls.Count == 0) http.Error("urls", "expected at least one listen address such as " + HttpOptions.DefaultUrl);
        for (var i = 0; i < urls.Count; i++)
        {
            if (!Uri.TryCreate(HttpOptions.WithoutWildcardHost(urls[i]), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                http.Error($"urls[{i}]", "expected an absolute http(s) URL such as " + HttpOptions.DefaultUrl);
            }
        }

        var keys = http.List("apiKeys") ?? defaults.ApiKeys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length == 0 || keys[i].Any(char.IsWhiteSpace)) http.Error($"apiKeys[{i}]", "expected a key without spaces");
        }

        return new HttpOptions
        {
            Urls = urls,
            ApiKeys = keys,
            Keys = ReadKeys(http),
            MaxBodyBytes = http.Integer("maxBodyBytes", defaults.MaxBodyBytes, 1024, 256L * 1024 * 1024),
            BehindProxy = http.Boolean("behindProxy") ?? false,
        };
    }

    private static List<Security.ApiKeyEntry> ReadKeys(ConfigNode http)
    {
        var entries = new List<Security.ApiKeyEntry>();
        var list = http.Child("keys");
        foreach (var index in list.Keys().OrderBy(k => int.TryParse(k, out var n) ? n : int.MaxValue))
        {
            var key = list.Child(index);
            if (!int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) || key.Keys().Count == 0)
            {
                http.Error("keys", "expected a list of { name, role, hash } objects (engage api-keys new prints one)");
                return entries;
            }

            key.RejectUnknown("name", "role", "hash");
            var name = key.String("name");
            if (!Security.ApiKeySecrets.IsValidName(name)) key.Error("name", "expected 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
            else if (entries.Any(e => e.Name == name)) key.Error("name", "another key has this name");
            if (!key.Exists("role")) key.Error("role", "required; expected one of " + string.Join(", ", Security.EngageRoles.Names));
            var role = key.Choice("role", Security.EngageRole.Viewer);
            var hash = key.String("hash");
            if (!Security.ApiKeySecrets.TryReadHash(hash, out _)) key.Error("hash", "expected sha256: and 64 hex digits (the hash engage api-keys new prints, never the key itself)");
            entries.Add(new Security.ApiKeyEntry(name ?? string.Empty, role, hash ?? string.Empty));
        }

        return entries;
    }

    private static ChannelsOptions ReadChannels(ConfigNode channels)
    {
        var others = ImmutableDictionary.CreateBuilder<string, ChannelOptions>(StringComparer.Ordinal);
        var defined = ImmutableArray.CreateBuilder<ChannelDescriptor>();
        foreach (var name in channels.Keys().Where(k => !ChannelsOptions.Names.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            var node = channels.Child(name);
            if (!Channel.IsValidName(name))
            {
                channels.Error(name, "not a channel name: expected lower-case letters, digits and '-', starting with a letter (built in: " + ChannelRegistry.Builtin.Describe() + ")");
                continue;
            }

            var addressField = node.String("addressField");
            if (addressField is not null)
            {
                var suffix = node.String("templateSuffix") ?? name;
                if (!Channel.IsValidName(suffix))
                {
                    node.Error("templateSuffix", "expected lower-case letters, digits and '-', starting with a letter");
                    continue;
                }

                var descriptor = new ChannelDescriptor(new Channel(name), addressField) { TemplateSuffix = suffix };
                try
                {
                    ChannelRegistry.Shared.With(descriptor);
                }
                catch (ArgumentException)
                {
                    node.Error("addressField", "the channel is registered already with other settings");
                    continue;
                }

                defined.Add(descriptor);
            }
            else if (!ChannelRegistry.Shared.Contains(name))
            {
                channels.Error(name, "unknown setting; expected one of " + string.Join(", ", ChannelsOptions.Names));
                node.Error("addressField", "required to define a channel beyond " + ChannelRegistry.Builtin.Describe() + ": the profile attribute holding its address, e.g. wechatOpenId");
                continue;
            }

            others[name] = ReadChannel(node, name, ["transport", "smtp", "webhook", "addressField", "templateSuffix"]);
        }

        return new ChannelsOptions
        {
            Email = ReadChannel(channels.Child("email"), "email"),
            Sms = ReadChannel(channels.Child("sms"), "sms"),
            Push = ReadChannel(channels.Child("push"), "push"),
            Others = others.ToImmutable(),
            Defined = defined.ToImmutable(),
        };
    }

    private static ChannelOptions ReadChannel(ConfigNode node, string channel, string[]? known = null)
    {
        node.RejectUnknown(known ?? ["transport", "smtp", "webhook"]);
        var transport = node.Choice("transport", ChannelTransportKind.Outbox);
        switch (transport)
        {
            case ChannelTransportKind.Smtp when !(ChannelRegistry.Shared.Find(channel)?.Transports.Contains("smtp") ?? false):
                node.Error("transport", "smtp sends email only; expected outbox or webhook");
                return ChannelOptions.Outbox;
            case ChannelTransportKind.Smtp:
                return new ChannelOptions { Transport = transport, Smtp = ReadSmtp(node.Child("smtp"), node.At("transport")) };
            case ChannelTransportKind.Webhook:
                return new ChannelOptions { Transport = transport, Webhook = ReadWebhook(node.Child("webhook"), node.At("transport")) };
            default:
                return ChannelOptions.Outbox;
        }
    }

    private static SmtpOptions ReadSmtp(ConfigNode smtp, string transportPath)
    {
        smtp.RejectUnknown("host", "port", "tls", "user", "password", "fromAddress", "fromName", "messageIdDomain", "timeoutSeconds");
        var required = $"required when {transportPath} is smtp";
        var host = smtp.String("host");
        if (host is null) smtp.Error("host", required);
        else if (Uri.CheckHostName(host) == UriHostNameType.Unknown) smtp.Error("host", "expected a host name or an IP address");

        var from = smtp.String("fromAddress");
        if (from is null) smtp.Error("fromAddress", required + ", e.g. news@shop.example");
        else if (!MailboxAddress.TryParse(from, out var mailbox) || !mailbox.Address.Contains('@') || mailbox.Name is { Length: > 0 })
            smtp.Error("fromAddress", "expected an email address such as news@shop.example (put the display name in fromName)");

        var user = smtp.String("user");
        var password = smtp.String("password");
        if (user is not null && password is null) smtp.Error("password", "required when user is set (use ENGAGE_Channels__Email__Smtp__Password)");
        if (user is null && password is not null) smtp.Error("user", "required when password is set");

        var domain = smtp.String("messageIdDomain");
        if (domain is not null && Uri.CheckHostName(domain) != UriHostNameType.Dns) smtp.Error("messageIdDomain", "expected a domain name");

        return new SmtpOptions
        {
            Host = host ?? "",
            Port = (int)smtp.Integer("port", 0, 1, 65535),
            Tls = smtp.Choice("tls", SmtpTlsMode.StartTls),
            User = user,
            Password = password,
            FromAddress = from ?? "",
            FromName = smtp.String("fromName"),
            MessageIdDomain = domain,
            TimeoutSeconds = (int)smtp.Integer("timeoutSeconds", 30, 1, 600),
        };
    }

    private static WebhookOptions ReadWebhook(ConfigNode webhook, string transportPath)
    {
        webhook.RejectUnknown("url", "secret", "timeoutSeconds", "headers");
        var required = $"required when {transportPath} is webhook";
        if (!webhook.Exists("url")) webhook.Error("url", required + "; expected an absolute http(s) URL");
        var url = webhook.HttpUrl("url");
        var secret = webhook.String("secret");
        if (secret is null) webhook.Error("secret", required + $" (the HMAC-SHA256 signing key, at least {MinSecretLength} characters)");
        else if (secret.Length < MinSecretLength) webhook.Error("secret", $"expected at least {MinSecretLength} characters");

        var headers = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        var headersNode = webhook.Child("headers");
        foreach (var (name, value) in webhook.Pairs("headers"))
        {
            if (!IsToken(name)) headersNode.Error(name, "expected a header name made of letters, digits and -");
            else if (Reserved(name)) headersNode.Error(name, "set by the webhook transport itself; remove it");
            else if (value.Contains('\r') || value.Contains('\n')) headersNode.Error(name, "a header value cannot contain a line break");
            else headers[name] = value;
        }

        return new WebhookOptions
        {
            Url = url,
            Secret = secret ?? "",
            TimeoutSeconds = (int)webhook.Integer("timeoutSeconds", 10, 1, 600),
            Headers = headers.ToImmutable(),
        };
    }

    private static bool IsToken(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');

    private static bool Reserved(string name) =>
        name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("X-Engage-Signature", StringComparison.OrdinalIgnoreCase);
}
