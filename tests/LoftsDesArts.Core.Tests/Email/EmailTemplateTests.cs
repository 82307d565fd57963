using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;

namespace LoftsDesArts.Core.Tests.Email;

public sealed class EmailTemplateTests
{
    private static readonly EmailRenderer Renderer = new();
    private static readonly EmailAddress To = new("zoe@example.test", "Zoé Tremblay");

    // Words that only an untranslated English template would put in a French email (spot check).
    private static readonly string[] EnglishWords =
        ["the", "your", "you", "hello", "email", "sign", "password", "link", "expires", "button", "please", "account", "if"];

    private static readonly string[] FrenchWords = ["bonjour", "courriel", "vous", "votre", "lien", "mot de passe"];

    public static TheoryData<string, Language> KindsAndLanguages()
    {
        var data = new TheoryData<string, Language>();
        foreach (var kind in EmailKinds.Names.Order(StringComparer.Ordinal))
        {
            data.Add(kind, Language.Fr);
            data.Add(kind, Language.En);
        }

        return data;
    }

    [Fact]
    public void Samples_CoverEveryKind_SoEveryTemplateIsRendered()
    {
        var sampled = EmailSamples.All.Select(m => m.Kind).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(EmailKinds.Names.Order(StringComparer.Ordinal), sampled.Order(StringComparer.Ordinal));
        Assert.Contains("verify-email", EmailKinds.Names);
        Assert.Contains("staff-invitation", EmailKinds.Names);
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public async Task RenderAsync_EveryKindAndLanguage_ProducesCompleteAccessibleEmail(string kind, Language language)
    {
        var model = EmailSamples.For(EmailKinds.TypeOf(kind));
        var message = await Renderer.RenderAsync(model, To, language, $"evt-1:user-1:{kind}");

        Assert.Equal($"evt-1:user-1:{kind}", message.MessageId);
        Assert.Equal(language, message.Language);
        Assert.Same(To, message.To);
        Assert.False(string.IsNullOrWhiteSpace(message.Subject));
        foreach (var part in new[] { message.Subject, message.HtmlBody, message.TextBody })
        {
            Assert.DoesNotContain("{{", part, StringComparison.Ordinal);
            Assert.DoesNotContain("}}", part, StringComparison.Ordinal);
            Assert.DoesNotContain("{%", part, StringComparison.Ordinal);
            Assert.DoesNotContain("%}", part, StringComparison.Ordinal);
        }

        // Well-formed HTML: the strict parser throws on any HTML5 parse error.
        var document = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(message.HtmlBody);
        Assert.Equal(language == Language.En ? "en-CA" : "fr-CA", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(message.Subject, document.Title);
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.All(document.QuerySelectorAll("table"), t => Assert.Equal("presentation", t.GetAttribute("role")));
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.All(document.QuerySelectorAll("a"), a => Assert.StartsWith("https://", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.All(document.QuerySelectorAll("[style]"), e =>
            Assert.DoesNotContain("color:" + EmailBrand.Gold, e.GetAttribute("style")!.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

        // The plain-text part carries the same information: every link and code, the footer.
        foreach (var link in Values<Uri>(model))
        {
            Assert.Contains(link.AbsoluteUri, message.TextBody, StringComparison.Ordinal);
            Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == link.AbsoluteUri);
        }

        if (model.GetType().GetProperty("Code")?.GetValue(model) is string code)
        {
            Assert.Contains("\n    " + code + "\n", message.TextBody, StringComparison.Ordinal);
            Assert.Contains(code, document.Body!.TextContent, StringComparison.Ordinal);
        }

        var name = (string)model.GetType().GetProperty("Name")!.GetValue(model)!;
        Assert.Contains(name, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(name, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(EmailBrand.PostalAddress, message.TextBody, StringComparison.Ordinal);
        Assert.Contains(EmailBrand.PostalAddress, document.Body.TextContent, StringComparison.Ordinal);
        var receiving = language == Language.En ? "You are receiving this email" : "Vous recevez ce courriel";
        Assert.Contains(receiving, message.TextBody.Replace('\n', ' '), StringComparison.Ordinal);
        Assert.Contains(receiving, document.Body.TextContent, StringComparison.Ordinal);

        Assert.DoesNotMatch("<[a-zA-Z/]|&#|&amp;|&lt;", message.TextBody);
        Assert.All(message.TextBody.Split('\n'), line => Assert.True(line.Length <= 100 || line.StartsWith("http", StringComparison.Ordinal), line));

        // Plain text is wrapped at spaces; joined again, it must say when.
        var unwrapped = message.TextBody.Replace('\n', ' ');
        foreach (var instant in Values<DateTimeOffset>(model))
        {
            Assert.Contains(EmailFormats.DateTime(instant, language), unwrapped, StringComparison.Ordinal);
            Assert.Contains(EmailFormats.DateTime(instant, language), document.Body.TextContent, StringComparison.Ordinal);
        }

        var words = Regex.Split(message.Subject + "\n" + message.TextBody.ToLowerInvariant(), @"[\s\u00a0\u202f.,;:!?«»“”()]+");
        if (language == Language.Fr)
        {
            Assert.DoesNotContain(words, w => EnglishWords.Contains(w.ToLowerInvariant()));
            Assert.DoesNotContain("e-mail", message.TextBody, StringComparison.OrdinalIgnoreCase);

            // Québec typography: a no-break space, never an ordinary one, before : ; ? !
            Assert.DoesNotMatch(" [:;?!]", message.TextBody);
            Assert.DoesNotMatch(" [:;?!]", document.Body.TextContent);
        }
        else
        {
            Assert.DoesNotContain(FrenchWords, w => message.TextBody.Contains(w, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData(Language.Fr, "26 novembre 2026, 14\u00a0h\u00a005")]
    [InlineData(Language.En, "November 26, 2026, 2:05\u00a0p.m.")]
    public void DateTime_InstantInNovember_IsWrittenInMontrealTimePerLanguage(Language language, string expected) =>
        Assert.Equal(expected, EmailFormats.DateTime(EmailSamples.Instant, language));

    [Theory]
    [InlineData(Language.Fr, "1 juillet 2026, 9\u00a0h\u00a030")]
    [InlineData(Language.En, "July 1, 2026, 9:30\u00a0a.m.")]
    public void DateTime_InstantInSummer_FollowsDaylightSavingTime(Language language, string expected) =>
        Assert.Equal(expected, EmailFormats.DateTime(new DateTimeOffset(2026, 7, 1, 13, 30, 0, TimeSpan.Zero), language));

    [Fact]
    public void DateTime_Midnight_IsTwelveAm() =>
        Assert.Equal("November 27, 2026, 12:00\u00a0a.m.", EmailFormats.DateTime(new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero), Language.En));

    [Fact]
    public async Task RenderAsync_SignInCodeInFrench_ShowsCodeAndExpiryInQuebecFrench()
    {
        var message = await Renderer.RenderAsync(EmailSamples.For(typeof(SignInCode)), To, Language.Fr, "m-1");

        Assert.Equal("Votre code de connexion à usage unique", message.Subject);
        Assert.Contains("Bonjour Éloïse Gagnon,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("\n    482913\n", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ce code expire le 26 novembre 2026, 14\u00a0h\u00a005", message.TextBody.Replace('\n', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_MarkupInName_IsEncodedInHtmlAndKeptInText()
    {
        var model = new RegistrationReceived("<b>Zoé</b> & Cie", "1204");
        var message = await Renderer.RenderAsync(model, To, Language.Fr, "m-2");

        Assert.Contains("&lt;b&gt;Zoé&lt;/b&gt; &amp; Cie", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Bonjour <b>Zoé</b> & Cie,", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_RejectionWithoutReason_OmitsTheReasonBox()
    {
        var withReason = await Renderer.RenderAsync(EmailSamples.For(typeof(RegistrationRejected)), To, Language.Fr, "m-3");
        var without = await Renderer.RenderAsync(new RegistrationRejected("Zoé", "1204", null), To, Language.Fr, "m-4");

        Assert.Contains("Motif indiqué par la gestion", withReason.TextBody, StringComparison.Ordinal);
        Assert.Contains("Le bail fourni ne correspond pas à cette unité.", withReason.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Motif", without.TextBody, StringComparison.Ordinal);
        Assert.Contains("n'a pas pu approuver", without.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_JavascriptLink_IsRefused()
    {
        var model = new PasswordReset("Zoé", new Uri("javascript:alert(1)"), EmailSamples.Instant);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Renderer.RenderAsync(model, To, Language.Fr, "m-5"));
    }

    [Fact]
    public void TextPairs_OfTheBrandPalette_MeetAaContrast()
    {
        foreach (var (foreground, background) in EmailBrand.TextPairs)
        {
            Assert.True(Contrast(foreground, background) >= 4.5, $"{foreground} on {background}: {Contrast(foreground, background):F2}");
        }

        // Why gold stays decoration: on white it is far below 4.5:1.
        Assert.True(Contrast(EmailBrand.Gold, EmailBrand.Card) < 2.0);
    }

    private static IEnumerable<T> Values<T>(EmailModel model) =>
        model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(T))
            .Select(p => p.GetValue(model))
            .OfType<T>();

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }
}
