using AngleSharp.Html.Parser;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Packages;

namespace LoftsDesArts.Core.Tests.Email;

/// <summary>The package emails through the real renderer: the facts a resident needs, in both parts and both languages.</summary>
public sealed class PackageEmailTests
{
    private static readonly EmailRenderer Renderer = new();
    private static readonly EmailAddress To = new("camille@example.test", "Camille Tremblay");
    private static readonly Uri Link = new("https://portail.example.test/fr/colis");

    private static readonly PackageEmailItem Ups =
        new(Carrier.Ups, PackageSize.Small, [PackageFlag.Perishable], new DateTimeOffset(2026, 11, 26, 19, 3, 0, TimeSpan.Zero), 3);

    private static readonly PackageEmailItem CanadaPost =
        new(Carrier.CanadaPost, PackageSize.Large, [], new DateTimeOffset(2026, 11, 23, 14, 15, 0, TimeSpan.Zero), 7);

    [Theory]
    [InlineData(Language.Fr, "Un colis vous attend à la réception", "UPS — Petit colis (Périssable), arrivé le 26\u00a0novembre à 14\u00a0h\u00a003")]
    [InlineData(Language.En, "A package is waiting for you at the front desk", "UPS — Small package (Perishable), arrived November\u00a026 at 2:03\u00a0p.m.")]
    public async Task RenderAsync_OneArrival_SaysWhatWhereAndWhen(Language language, string subject, string item)
    {
        var model = new PackagesArrivedEmail("Camille", "Lofts des Arts", [Ups], EmailSamples.PickupLocation, EmailSamples.DeskHours, Link);

        var (message, html, text) = await RenderAsync(model, language);

        Assert.Equal(subject, message.Subject);
        foreach (var part in new[] { html, text })
        {
            Assert.Contains(Collapse(item), part, StringComparison.Ordinal);
            Assert.Contains(Collapse(EmailSamples.PickupLocation.In(language)), part, StringComparison.Ordinal);
            Assert.Contains(Collapse(EmailSamples.DeskHours.In(language)), part, StringComparison.Ordinal);
            Assert.Contains(Link.AbsoluteUri, part, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Language.Fr, "2 colis vous attendent à la réception", "Postes Canada — Gros colis, arrivé le 23 novembre à 9 h 15")]
    [InlineData(Language.En, "2 packages are waiting for you at the front desk", "Canada Post — Large package, arrived November 23 at 9:15 a.m.")]
    public async Task RenderAsync_SeveralArrivals_AreGroupedInOneListedEmail(Language language, string subject, string secondItem)
    {
        var model = new PackagesArrivedEmail("Camille", "Lofts des Arts", [Ups, CanadaPost], EmailSamples.PickupLocation, EmailSamples.DeskHours, Link);

        var (message, html, text) = await RenderAsync(model, language);

        Assert.Equal(subject, message.Subject);
        var document = new HtmlParser().ParseDocument(message.HtmlBody);
        var items = document.QuerySelectorAll("ul > li").Select(li => Collapse(li.TextContent)).ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(secondItem, items[1]);
        Assert.Contains("- " + secondItem, text, StringComparison.Ordinal);
        Assert.Contains(secondItem, html, StringComparison.Ordinal);

        // An arrival email does not count days.
        Assert.DoesNotContain(language == Language.Fr ? "depuis" : "waiting for 3", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Fr, "Rappel : 2 colis vous attendent à la réception", "(en attente depuis 7 jours)", "le jeudi 10 décembre")]
    [InlineData(Language.En, "Reminder: 2 packages are waiting for you at the front desk", "(waiting for 7 days)", "Thursday, December 10")]
    public async Task RenderAsync_Reminder_ShowsAgesAndTheReturnDate(Language language, string subject, string age, string returnDate)
    {
        var model = new PackageReminderEmail(
            "Camille", "Lofts des Arts", [Ups, CanadaPost], ReminderStage.Reminder(2), new DateOnly(2026, 12, 10), EmailSamples.PickupLocation, EmailSamples.DeskHours, Link);

        var (message, html, text) = await RenderAsync(model, language);

        Assert.Equal(subject.Replace(" :", "\u00a0:", StringComparison.Ordinal), message.Subject);
        foreach (var part in new[] { html, text })
        {
            Assert.Contains(age, part, StringComparison.Ordinal);
            Assert.Contains(returnDate, part, StringComparison.Ordinal);
            Assert.Contains(Collapse(EmailSamples.PickupLocation.In(language)), part, StringComparison.Ordinal);
            Assert.DoesNotContain(language == Language.Fr ? "dernier avis" : "final notice", part, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(Language.Fr, "Dernier avis\u00a0: votre colis sera retourné à l'expéditeur", "ce colis sera retourné à l'expéditeur le mardi 1er décembre")]
    [InlineData(Language.En, "Final notice: your package will be returned to the sender", "this package will be returned to the sender on Tuesday, December 1")]
    public async Task RenderAsync_FinalNotice_WarnsOfTheReturnToSender(Language language, string subject, string warning)
    {
        var model = new PackageReminderEmail(
            "Camille", "Lofts des Arts", [Ups], ReminderStage.FinalNotice, new DateOnly(2026, 12, 1), EmailSamples.PickupLocation, EmailSamples.DeskHours, Link);

        var (message, html, text) = await RenderAsync(model, language);

        Assert.Equal(subject, message.Subject);
        Assert.True(model.IsFinalNotice);
        Assert.Contains(warning, html, StringComparison.Ordinal);
        Assert.Contains(warning, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Fr, "Votre colis a été récupéré", "remis à Jean Roy", "26 novembre 2026, 14 h 05", "Ce n'était ni vous ni une personne que vous avez autorisée")]
    [InlineData(Language.En, "Your package was picked up", "handed to Jean Roy", "November 26, 2026, 2:05 p.m.", "If neither you nor a person you authorized picked it up")]
    public async Task RenderAsync_Released_SaysWhoAndWhenAndWhatToDoIfNotYou(Language language, string subject, string who, string when, string notYou)
    {
        var model = new PackagesReleasedEmail("Camille", "Lofts des Arts", "Jean Roy", EmailSamples.Instant, [Ups], Link);

        var (message, html, text) = await RenderAsync(model, language);

        Assert.Equal(subject, message.Subject);
        foreach (var part in new[] { html, text })
        {
            Assert.Contains(who, part, StringComparison.Ordinal);
            Assert.Contains(when, part, StringComparison.Ordinal);
            Assert.Contains(notYou, part, StringComparison.Ordinal);
            Assert.Contains(language == Language.Fr ? "UPS — Petit colis" : "UPS — Small package", part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RenderAsync_ReleasedSeveral_UsesThePlural()
    {
        var model = new PackagesReleasedEmail("Camille", "Lofts des Arts", "Camille Tremblay", EmailSamples.Instant, [Ups, CanadaPost], Link);

        var fr = await Renderer.RenderAsync(model, To, Language.Fr, "m-1");
        var en = await Renderer.RenderAsync(model, To, Language.En, "m-2");

        Assert.Equal("Vos colis ont été récupérés", fr.Subject);
        Assert.Contains("Ces 2 colis ont été remis", Collapse(fr.TextBody), StringComparison.Ordinal);
        Assert.Equal("Your packages were picked up", en.Subject);
        Assert.Contains("These 2 packages were handed", Collapse(en.TextBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_MarkupInTypedNames_IsEncodedInHtml()
    {
        var model = new PackagesReleasedEmail("Camille", "Lofts des Arts", "<i>Jean</i> & fils", EmailSamples.Instant, [Ups], Link);

        var message = await Renderer.RenderAsync(model, To, Language.Fr, "m-3");

        Assert.Contains("&lt;i&gt;Jean&lt;/i&gt; &amp; fils", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<i>Jean</i> & fils", message.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-26T19:03:00Z", Language.Fr, "le 26\u00a0novembre à 14\u00a0h\u00a003")]
    [InlineData("2026-11-26T19:03:00Z", Language.En, "November\u00a026 at 2:03\u00a0p.m.")]
    [InlineData("2026-11-01T13:30:00Z", Language.Fr, "le 1er\u00a0novembre à 8\u00a0h\u00a030")]  // after fall back: EST
    [InlineData("2026-11-01T05:00:00Z", Language.En, "November\u00a01 at 1:00\u00a0a.m.")]         // first 1 a.m. (EDT)
    [InlineData("2026-07-01T16:00:00Z", Language.En, "July\u00a01 at 12:00\u00a0p.m.")]
    public void DayAndTime_Instant_IsWrittenAsInASentence(string instant, Language language, string expected) =>
        Assert.Equal(Collapse(expected), Collapse(EmailFormats.DayAndTime(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), language)));

    [Theory]
    [InlineData(Language.Fr, "14\u00a0h\u00a003")]
    [InlineData(Language.En, "2:03\u00a0p.m.")]
    public void Time_Instant_KeepsItsPartsTogether(Language language, string expected) =>
        Assert.Equal(expected, EmailFormats.Time(new DateTimeOffset(2026, 11, 26, 19, 3, 0, TimeSpan.Zero), language));

    [Theory]
    [InlineData(2026, 12, 1, Language.Fr, "le mardi 1er décembre")]
    [InlineData(2026, 12, 10, Language.Fr, "le jeudi 10 décembre")]
    [InlineData(2026, 12, 10, Language.En, "Thursday, December 10")]
    public void Day_Date_HasItsWeekday(int year, int month, int day, Language language, string expected) =>
        Assert.Equal(expected, EmailFormats.Day(new DateOnly(year, month, day), language));

    private static async Task<(EmailMessage Message, string Html, string Text)> RenderAsync(EmailModel model, Language language)
    {
        var message = await Renderer.RenderAsync(model, To, language, "evt-1:u-1:" + model.Kind);
        Assert.False(string.IsNullOrWhiteSpace(message.HtmlBody));
        Assert.False(string.IsNullOrWhiteSpace(message.TextBody));
        foreach (var part in new[] { message.Subject, message.HtmlBody, message.TextBody })
        {
            Assert.DoesNotContain("{{", part, StringComparison.Ordinal);
            Assert.DoesNotContain("{%", part, StringComparison.Ordinal);
        }

        var document = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(message.HtmlBody);
        Assert.Contains("Camille", document.Body!.TextContent, StringComparison.Ordinal);
        return (message, Collapse(document.Body.TextContent), Collapse(message.TextBody));
    }

    /// <summary>Any run of spaces, no-break spaces and line breaks becomes one space (text is wrapped; cultures differ).</summary>
    private static string Collapse(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, @"[\s\u00a0\u202f]+", " ").Trim();
}
