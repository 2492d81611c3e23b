using Engagement.Engine.Templates;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Tests.Templates;

/// <summary>A template renders the same from the planned model (only the keys it reads) as from the whole model.</summary>
public sealed class TemplateModelPlanTests
{
    private static readonly TemplateRequest Request = new(
        "t", "email", ["en"],
        ValueJson.Parse("""
            {"customerId":"c1","tier":"Gold","tier-name":"gold","count":3,"first":"F","tags":["vip","new"],"points":1200,"pointsExpireOn":"2026-12-31",
             "address":{"city":"Shanghai","zip":"200000","geo":{"lat":31.2,"lng":121.5},"lines":["a","b"]},"vip":true,"nothing":null}
            """),
        ValueJson.Parse("""{"type":"order.placed","to":"agent","complaintId":"k-1","data":{"items":[{"sku":"a1","qty":2},{"sku":"b2","qty":1}],"total":99.5}}"""),
        ValueJson.Parse("""{"key":"c1","journey":"welcome","holdout":false,"variant":"b"}"""),
        new Dictionary<string, string> { ["unsubscribe"] = "https://shop.example/u?t=1" });

    public static TheoryData<string> Templates => new(
        "{{ profile.tier }} {{ profile.address.city }} {{ profile.address.size }} {{ profile.address.geo.lat }}",
        "{% assign a = profile.address %}{{ a.city }}-{{ a.zip }}-{{ a.geo.lng }}",
        "{% for t in profile.tags %}{{ t }},{% endfor %}{{ profile.tags.size }} {{ profile.tags.first }} {{ profile.tags.last }}",
        "{% for kv in profile %}{{ kv[0] }};{% endfor %}",
        "{{ event.data.items[0].sku }} {{ event.data.items[1].qty }}",
        "{% case event.to %}{% when 'agent' %}A{% when 'store' %}S{% else %}O{% endcase %}",
        "{{ 'profile.tier' }} {{ enrollment.key | append: profile.customerId }} {{ \"event.to\" }}",
        "{% if profile.missing.deep %}y{% else %}n{% endif %}{% if profile.vip %}V{% endif %}[{{ profile.nothing }}]",
        "{% for i in (1..profile.count) %}{{ i }}{% endfor %}",
        "{{ profile.address }}|{{ profile.size }}|{{ profile.first }}",
        "{% assign p = profile %}{{ p.tier }} {{ p.address.zip }}",
        "{{ event.data.items.last.sku }} {{ event.data.items.first.qty }} {{ profile.address.lines.last }}",
        "{% capture x %}{{ profile.tier }}/{{ event.type }}{% endcapture %}{{ x | upcase }}",
        "{%- if enrollment.holdout -%}h{%- else -%}t{%- endif -%} {{enrollment.variant}}{{profile.tier-name}}",
        "{% for item in event.data.items %}{{ item.sku }}x{{ item.qty }}{% unless forloop.last %},{% endunless %}{% endfor %} {{ event.data.total | times: 2 }}",
        "Dear customer, see your profile. {{ links.unsubscribe }}",
        "{{ profile.points | minus: 200 }} until {{ profile.pointsExpireOn }} ({{ enrollment.journey | capitalize }})",
        "{% tablerow t in profile.tags cols:2 %}{{ t }}{% endtablerow %}",
        "{% cycle 'a', 'b' %}{{ event }}{{ enrollment }}");

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_PlannedModel_RendersWhatTheWholeModelRenders(string liquid)
    {
        var renderer = new LiquidTemplateRenderer();
        Assert.Null(renderer.Add("t.email.en.liquid", liquid));

        Assert.Equal(renderer.RenderText(liquid, Request), renderer.Render(Request)!.Body);
    }

    [Fact]
    public void Render_ShippedTemplates_RenderWhatTheWholeModelRenders()
    {
        var directory = Path.Combine(RepoRoot(), "journeys", "templates");
        var files = Directory.GetFiles(directory, "*.liquid");
        foreach (var file in files)
        {
            var renderer = new LiquidTemplateRenderer();
            var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            Assert.Null(renderer.Add(file, text));
            var parts = Path.GetFileName(file).Split('.');
            var request = Request with { TemplateId = parts[0], Channel = parts[1], Locales = [parts[2]] };
            var body = text.StartsWith("---\n", StringComparison.Ordinal) ? text[(text.IndexOf("\n---\n", 3, StringComparison.Ordinal) + 5)..] : text;

            var rendered = renderer.Render(request);

            Assert.NotNull(rendered);
            Assert.Equal(renderer.RenderText(body.TrimEnd('\n'), request), rendered.Body);
        }

        Assert.True(files.Length >= 80, $"{files.Length} shipped templates");
    }

    [Fact]
    public void Of_DottedPaths_ReadsOnlyTheRootsNamed()
    {
        var plan = TemplateModelPlan.Of("Hello {{ profile.firstName }}", "{{ links.unsubscribe }} {{ 'event.type' }}");

        Assert.True(plan.Reads("profile"));
        Assert.False(plan.Reads("event"));
        Assert.False(plan.Reads("enrollment"));
        Assert.True(plan.Reads("links"));
    }

    [Theory]
    [InlineData("{{ profile[key] }}")]
    [InlineData("{% include 'footer' %}")]
    [InlineData("{{ [name].x }}")]
    public void Of_BracketsOrInclude_ReadsEveryRoot(string liquid)
    {
        var plan = TemplateModelPlan.Of(liquid);

        Assert.True(plan.Reads("profile") && plan.Reads("event") && plan.Reads("enrollment"));
    }

    [Fact]
    public void Reads_TemplateOfTheRenderer_AnswersForEveryFileOfTheId()
    {
        var renderer = new LiquidTemplateRenderer();
        Assert.Null(renderer.Add("offer.email.en.liquid", "{{ profile.tier }}"));
        Assert.Null(renderer.Add("offer.sms.zh-CN.liquid", "{{ enrollment.key }}"));

        Assert.True(renderer.Reads("offer", "profile"));
        Assert.True(renderer.Reads("offer", "enrollment"));
        Assert.False(renderer.Reads("offer", "event"));
        Assert.True(renderer.Reads("unknown", "event"));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Engagement.sln")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }
}
