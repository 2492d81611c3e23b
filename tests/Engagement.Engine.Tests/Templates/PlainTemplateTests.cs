using Engagement.Engine.Templates;
using Engagement.Journeys.Values;

namespace Engagement.Engine.Tests.Templates;

/// <summary>Text with plain outputs renders without DotLiquid, exactly as DotLiquid renders it; anything else is left to DotLiquid.</summary>
public sealed class PlainTemplateTests
{
    private static readonly TemplateRequest Request = new(
        "t", "email", ["en"],
        ValueJson.Parse("""
            {"customerId":"c1","tier":"Gold","tier-name":"gold","Tier":"upper","count":3,"zero":0,"points":1200,"big":1e15,"huge":1e20,
             "ratio":2.5,"tiny":0.000001,"negative":-5,"negativeRatio":-0.5,"vip":true,"lapsed":false,"nothing":null,"empty":"",
             "braces":"{{ profile.tier }} {% if x %}","unicode":"张伟 – ünïcödé 🎉","_under":"u","with_digit1":"d",
             "address":{"city":"Shanghai","geo":{"lat":31.2,"lng":121.5},"none":null,"lines":["a","b"]},"tags":["vip","new"]}
            """),
        ValueJson.Parse("""{"type":"order.placed","to":"agent","data":{"total":99.5,"items":[{"sku":"a1"}]}}"""),
        ValueJson.Parse("""{"key":"c1","journey":"welcome","holdout":false,"variant":"b"}"""),
        new Dictionary<string, string> { ["unsubscribe"] = "https://shop.example/u?t=1&x=<b>", ["empty"] = string.Empty });

    /// <summary>Plain sources whose every output the plain form renders itself.</summary>
    public static TheoryData<string> Rendered => new(
        "",
        "no outputs at all, {single braces}, 100% and } and { and % }",
        "{{ profile.tier }}",
        "{{profile.tier}}|{{   profile.tier   }}|{{ profile.tier-name }}|{{ profile.Tier }}",
        "Hello {{ profile.customerId }}, your tier is {{ profile.tier }}.\nUnsubscribe: {{ links.unsubscribe }}",
        "{{ profile.count }} {{ profile.zero }} {{ profile.points }} {{ profile.big }} {{ profile.huge }} {{ profile.ratio }} {{ profile.tiny }} {{ profile.negativeRatio }}",
        "[{{ profile.vip }}][{{ profile.lapsed }}][{{ profile.nothing }}][{{ profile.empty }}][{{ profile.missing }}]",
        "[{{ profile.missing.deeper.still }}][{{ profile.nothing.below }}][{{ profile.address.none.x }}]",
        "{{ profile.address.city }} {{ profile.address.geo.lat }}/{{ profile.address.geo.lng }}",
        "{{ profile.braces }} {{ profile.unicode }} {{ profile._under }} {{ profile.with_digit1 }}",
        "{{ event.type }} {{ event.to }} {{ event.data.total }} {{ event.missing }}",
        "{{ enrollment.key }} {{ enrollment.journey }} {{ enrollment.holdout }} {{ enrollment.variant }}",
        "[{{ links.unsubscribe }}][{{ links.empty }}][{{ links.missing }}]",
        "line one\r\nline two\t{{ profile.tier }}\n\n");

    /// <summary>Plain sources with an output only DotLiquid can render (a list, an object, a negative whole number, a path
    /// through a list or a string, a root whole).</summary>
    public static TheoryData<string> LeftToDotLiquid => new(
        "{{ profile.tags }}",
        "{{ profile.address }}",
        "{{ profile.negative }}",
        "{{ profile.address.lines.x }}",
        "{{ profile.tier.x }}",
        "{{ profile }}",
        "{{ links.unsubscribe.x }}",
        "{{ event.data.items.sku }}");

    /// <summary>Sources that are not plain: tags, filters, brackets, whitespace control, names DotLiquid treats specially,
    /// unknown roots and literals.</summary>
    public static TheoryData<string> NotPlain => new(
        "{% if profile.vip %}v{% endif %}",
        "{{ profile.tier | upcase }}",
        "{{ profile['tier'] }}",
        "{{ profile.tags[0] }}",
        "{{- profile.tier -}}",
        "{{ profile.tier }}}",
        "a }} b",
        "a %} b",
        "{{ profile.tags.size }}",
        "{{ profile.tags.first }}",
        "{{ profile.last }}",
        "{{ true }}",
        "{{ nil }}",
        "{{ empty }}",
        "{{ customer.tier }}",
        "{{ forloop.index }}",
        "{{ 'text' }}",
        "{{ 42 }}",
        "{{ }}",
        "{{ profile..tier }}",
        "{{ profile.tier? }}",
        "{{ profile.1tier }}",
        "{{\nprofile.tier\n}}",
        "{{ profile.tier");

    [Theory]
    [MemberData(nameof(Rendered))]
    public void TryRender_PlainSource_RendersWhatDotLiquidRenders(string liquid)
    {
        var plain = PlainTemplate.TryCompile(liquid);
        var renderer = new LiquidTemplateRenderer();

        Assert.NotNull(plain);
        Assert.True(plain.TryRender(Request, out var text));
        Assert.Equal(renderer.RenderText(liquid, Request), text);
    }

    [Theory]
    [MemberData(nameof(LeftToDotLiquid))]
    public void TryRender_ValueOnlyDotLiquidRenders_DeclinesAndTheRendererUsesDotLiquid(string liquid)
    {
        var plain = PlainTemplate.TryCompile(liquid);
        var renderer = new LiquidTemplateRenderer();
        Assert.Null(renderer.Add("t.email.en.liquid", liquid));

        Assert.NotNull(plain);
        Assert.False(plain.TryRender(Request, out _));
        Assert.Equal(renderer.RenderText(liquid, Request), renderer.Render(Request)!.Body);
    }

    [Theory]
    [MemberData(nameof(NotPlain))]
    public void TryCompile_AnythingButTextAndPlainOutputs_IsNull(string liquid) =>
        Assert.Null(PlainTemplate.TryCompile(liquid));

    [Fact]
    public void Render_PlainSubjectAndBody_RenderWhatDotLiquidRenders()
    {
        var renderer = new LiquidTemplateRenderer();
        Assert.Null(renderer.Add("t.email.en.liquid", "---\nsubject: Order {{ event.data.total }} for {{ profile.tier }}\n---\nHi {{ profile.unicode }}, {{ links.unsubscribe }}\n"));

        var rendered = renderer.Render(Request)!;

        Assert.Equal("Order 99.5 for Gold", rendered.Subject);
        Assert.Equal(renderer.RenderText("Order {{ event.data.total }} for {{ profile.tier }}", Request), rendered.Subject);
        Assert.Equal("Hi 张伟 – ünïcödé 🎉, https://shop.example/u?t=1&x=<b>", rendered.Body);
    }

    [Fact]
    public void Render_PlainSubjectWithTaggedBody_RendersEachPartAsDotLiquidDoes()
    {
        var renderer = new LiquidTemplateRenderer();
        Assert.Null(renderer.Add("t.email.en.liquid", "---\nsubject: {{ profile.tier }}\n---\n{% if profile.vip %}VIP {{ profile.negative }}{% endif %}"));

        var rendered = renderer.Render(Request)!;

        Assert.Equal("Gold", rendered.Subject);
        Assert.Equal(renderer.RenderText("{% if profile.vip %}VIP {{ profile.negative }}{% endif %}", Request), rendered.Body);
        Assert.Equal("VIP -5", rendered.Body);
    }

    [Fact]
    public void TryRender_NumbersOfEveryKind_WriteAsTheModelConvertsThem()
    {
        var plain = PlainTemplate.TryCompile("{{ profile.n }}")!;
        var renderer = new LiquidTemplateRenderer();
        foreach (var n in new[] { 0, 1, 7.0, 42.5, 1e-7, 123456789012345, 999999999999999, 1e15, 1.5e300, double.MaxValue, double.Epsilon, -0.0, double.NaN, double.PositiveInfinity })
        {
            var request = Request with { Profile = Value.FromObject([new("n", Value.FromNumber(n))]) };

            Assert.True(plain.TryRender(request, out var text), $"{n}");
            Assert.Equal(renderer.RenderText("{{ profile.n }}", request), text);
        }
    }
}
