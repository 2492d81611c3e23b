using System.Globalization;
using DotLiquid;
using DotLiquid.NamingConventions;
using Engagement.Journeys.Channels;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Templates;

/// <summary>
/// Liquid templates (DotLiquid), one file per template, channel and locale: <c>templates/&lt;id&gt;.&lt;channel&gt;.&lt;locale&gt;.liquid</c>.
/// Email and push templates may start with front matter <c>---\nsubject: …\n---</c>. Parsed once at load, rendered many
/// times; missing variables render empty. Thread-safe after construction.
/// </summary>
public sealed class LiquidTemplateRenderer : ITemplateRenderer
{
    private readonly Dictionary<(string Id, string Channel, string Locale), Parsed> _templates = [];

    /// <summary>Template id → the model roots some file of it reads → the top-level keys its files read there (null: some file
    /// reads the root whole).</summary>
    private readonly Dictionary<string, Dictionary<string, HashSet<string>?>> _reads = new(StringComparer.Ordinal);

    static LiquidTemplateRenderer() => Template.NamingConvention = new CSharpNamingConvention();

    /// <summary>Adds a template from its file name and text; returns an error message when the Liquid does not parse.</summary>
    public string? Add(string fileName, string text) => Add(fileName, text, out _, out _);

    /// <summary>As <see cref="Add(string, string)"/>, with the 1-based line and column of the error in the file.</summary>
    public string? Add(string fileName, string text, out int line, out int column)
    {
        (line, column) = (1, 1);
        var bodyLine = 0;
        var parts = Path.GetFileName(fileName).Split('.');
        if (parts.Length != 4 || parts[3] != "liquid")
        {
            return $"template file name '{Path.GetFileName(fileName)}' must be <id>.<channel>.<locale>.liquid, e.g. welcome.email.zh-CN.liquid";
        }

        string? subject = null;
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (body.StartsWith("---\n", StringComparison.Ordinal) && body.IndexOf("\n---\n", 3, StringComparison.Ordinal) is var end and > 0)
        {
            foreach (var header in body[4..end].Split('\n'))
            {
                if (header.StartsWith("subject:", StringComparison.Ordinal))
                {
                    subject = header["subject:".Length..].Trim();
                }
            }

            bodyLine = body.AsSpan(0, end + 5).Count('\n');
            body = body[(end + 5)..];
        }

        try
        {
            var bodyText = body.TrimEnd('\n');
            var plan = TemplateModelPlan.Of(subject, bodyText);
            _templates[(parts[0], parts[1], parts[2])] = new Parsed(
                subject is null ? null : Template.Parse(subject), Template.Parse(bodyText), plan,
                subject is null ? null : PlainTemplate.TryCompile(subject), PlainTemplate.TryCompile(bodyText));
            Remember(parts[0], plan);
            return null;
        }
        catch (DotLiquid.Exceptions.SyntaxException ex)
        {
            var inSubject = subject is not null && IsBad(subject);
            (line, column) = inSubject ? (2, 1) : LiquidErrorLocator.Find(body, ex.Message);
            line += inSubject ? 0 : bodyLine;
            return $"Liquid syntax error: {ex.Message}";
        }
    }

    private static bool IsBad(string liquid)
    {
        try
        {
            Template.Parse(liquid);
            return false;
        }
        catch (DotLiquid.Exceptions.SyntaxException)
        {
            return true;
        }
    }

    /// <summary>Template ids known (any channel).</summary>
    public IReadOnlySet<string> Ids => _templates.Keys.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a file exists for exactly this template, channel and locale.</summary>
    public bool Has(string templateId, string channel, string locale) => _templates.ContainsKey((templateId, channel, locale));

    /// <inheritdoc/>
    public bool Exists(string templateId, string channel) => _templates.Keys.Any(k => k.Id == templateId && k.Channel == Suffix(channel));

    /// <inheritdoc/>
    public RenderedTemplate? Render(TemplateRequest request)
    {
        foreach (var locale in request.Locales)
        {
            if (_templates.TryGetValue((request.TemplateId, Suffix(request.Channel), locale), out var t))
            {
                // Text and plain outputs render without DotLiquid; the model is built only when a part needs DotLiquid.
                Hash? model = null;
                string? subject = null;
                if (t.Subject is not null && (t.PlainSubject is null || !t.PlainSubject.TryRender(request, out subject)))
                {
                    subject = t.Subject.Render(model ??= Model(request, t.Plan));
                }

                string body;
                if (t.PlainBody is null || !t.PlainBody.TryRender(request, out body))
                {
                    body = t.Body.Render(model ??= Model(request, t.Plan));
                }

                return new RenderedTemplate(locale, subject, body);
            }
        }

        return null;
    }

    /// <summary>The locale <see cref="Render"/> would use, or null when no locale of the template exists for the channel.</summary>
    public string? ResolveLocale(TemplateRequest request) =>
        request.Locales.FirstOrDefault(l => _templates.ContainsKey((request.TemplateId, Suffix(request.Channel), l)));

    /// <summary>The channel's part of template file names (its descriptor's <see cref="ChannelDescriptor.TemplateSuffix"/>).</summary>
    private static string Suffix(string channel) => ChannelRegistry.Shared.Find(channel)?.TemplateSuffix ?? channel;

    /// <inheritdoc/>
    public bool Reads(string templateId, string root) => !_reads.TryGetValue(templateId, out var roots) || roots.ContainsKey(root);

    /// <inheritdoc/>
    public IReadOnlyCollection<string>? KeysRead(string templateId, string root) =>
        _reads.TryGetValue(templateId, out var roots) ? roots.GetValueOrDefault(root) : null;

    /// <summary>Adds what one file of <paramref name="templateId"/> reads to what its other files read.</summary>
    private void Remember(string templateId, TemplateModelPlan plan)
    {
        if (!_reads.TryGetValue(templateId, out var roots))
        {
            _reads[templateId] = roots = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        }

        foreach (var root in TemplateModelPlan.Roots.Where(plan.Reads))
        {
            var keys = plan.TopKeys(root);
            if (!roots.TryGetValue(root, out var known))
            {
                roots[root] = keys is null ? null : new HashSet<string>(keys, StringComparer.Ordinal);
            }
            else if (known is not null && keys is not null)
            {
                known.UnionWith(keys);
            }
            else
            {
                roots[root] = null; // this file or an earlier one reads the root whole
            }
        }
    }

    /// <inheritdoc/>
    public string RenderText(string liquid, TemplateRequest model) => Template.Parse(liquid).Render(Model(model, TemplateModelPlan.Whole));

    /// <summary>The locales to try: the profile's (zh-CN), its language (zh), the journey default, then en.</summary>
    public static IReadOnlyList<string> LocaleChain(string? profileLocale, string journeyDefault)
    {
        var chain = new List<string>(4);
        void Add(string? l)
        {
            if (!string.IsNullOrWhiteSpace(l) && !chain.Contains(l))
            {
                chain.Add(l);
            }
        }

        Add(profileLocale);
        Add(profileLocale?.Split('-')[0]);
        Add(journeyDefault);
        Add("en");
        return chain;
    }

    /// <summary>The render model: what <paramref name="plan"/> says the template reads of the profile, the event and the
    /// enrollment (the same values the full conversion holds there), and the links.</summary>
    private static Hash Model(TemplateRequest r, TemplateModelPlan plan)
    {
        var hash = new Hash
        {
            ["profile"] = Part(r.Profile, plan, "profile"),
            ["event"] = Part(r.Event, plan, "event"),
            ["enrollment"] = Part(r.Enrollment, plan, "enrollment"),
            ["links"] = HashOf(r.Links, static link => link),
        };
        return hash;
    }

    private static object? Part(Value root, TemplateModelPlan plan, string name) =>
        !plan.Reads(name) ? new Hash() : plan.Keys(name) is { } keys ? Partial(root, keys) : ToLiquid(root);

    /// <summary>An object with only the keys read (each converted as <see cref="ToLiquid"/> does); anything not an object whole.</summary>
    private static object? Partial(Value v, PathTree keys)
    {
        if (v.Kind != ValueKind.Object)
        {
            return ToLiquid(v);
        }

        var hash = new Hash();
        foreach (var (key, below) in keys.Children)
        {
            if (v.Fields.TryGetValue(key, out var field))
            {
                hash[key] = below is null ? ToLiquid(field) : Partial(field, below);
            }
        }

        return hash;
    }

    /// <summary>Entries straight into a new hash (what <c>Hash.FromDictionary</c> of a copied dictionary holds, without the
    /// dictionary in between).</summary>
    private static Hash HashOf<T>(IEnumerable<KeyValuePair<string, T>> entries, Func<T, object?> convert)
    {
        var hash = new Hash();
        foreach (var (key, entry) in entries)
        {
            hash[key] = convert(entry);
        }

        return hash;
    }

    private static object? ToLiquid(Value v) => v.Kind switch
    {
        ValueKind.Object => HashOf(v.Fields, ToLiquid),
        ValueKind.List => v.Items.Select(ToLiquid).ToList(),
        ValueKind.Number => NumberForLiquid(v.AsNumber()!.Value),
        ValueKind.Boolean => v.AsBoolean(),
        ValueKind.String => v.AsString(),
        _ => null,
    };

    /// <summary>A number as the model holds it: a whole number below 10^15 as a <see cref="long"/>, any other as its invariant text.</summary>
    internal static object NumberForLiquid(double n) => n == Math.Floor(n) && Math.Abs(n) < 1e15 ? (long)n : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>One template file parsed: DotLiquid's templates, the model plan, and the plain forms when the sources are plain.</summary>
    private sealed record Parsed(Template? Subject, Template Body, TemplateModelPlan Plan, PlainTemplate? PlainSubject, PlainTemplate? PlainBody);
}
