using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Packages;

namespace LoftsDesArts.Core.Email;

/// <summary>
/// Turns a typed <see cref="EmailModel"/> into a bilingual-ready <see cref="EmailMessage"/>: one
/// Liquid template per kind and language (embedded resources under <c>Email/Templates</c>), rendered
/// twice from the same source, once as HTML and once as plain text, so both parts carry the same
/// information; then wrapped in one layout per format.
/// </summary>
/// <remarks>
/// Templates write sentences and call a few block tags that know both formats:
/// <c>subject</c>, <c>preheader</c>, <c>reason</c> (why the person receives it, shown in the footer),
/// <c>heading</c>, <c>paragraph</c>, <c>note</c>, <c>callout</c>, <c>button url</c>, <c>link url</c>,
/// <c>link_fallback url</c> (HTML only), <c>code value</c>, and <c>list</c> with <c>item</c> (a bulleted
/// list). Filters: <c>datetime</c> (building time, per language), <c>day_time</c> ("le 26 novembre à 14 h 03"),
/// <c>day</c> (a <see cref="DateOnly"/>), <c>localized</c> (a <see cref="LocalizedText"/> in the email's
/// language), <c>role</c> (a role's name), <c>carrier</c>, <c>package_size</c> and <c>package_flags</c>. Undefined variables and filters throw, so a typo in
/// a template fails its test instead of sending an email with a hole in it. Thread-safe; register
/// it as a singleton.
/// </remarks>
public sealed partial class EmailRenderer
{
    private const string ResourcePrefix = "email-templates/";
    private const string FormatKey = "email:format";
    private const string LanguageKey = "email:language";
    private const string SectionPrefix = "email:section:";
    private const int TextWidth = 76;

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly LocalizedText AutomaticNotice = new(
        "Ce courriel a été envoyé automatiquement\u00a0: merci de ne pas y répondre.",
        "This email was sent automatically: please do not reply to it.");

    private static readonly FrozenDictionary<Role, LocalizedText> RoleNames = new Dictionary<Role, LocalizedText>
    {
        [Role.Resident] = new("Résident ou résidente", "Resident"),
        [Role.FrontDesk] = new("Préposé ou préposée à la réception", "Front desk"),
        [Role.Manager] = new("Gestionnaire", "Manager"),
        [Role.Admin] = new("Administrateur ou administratrice", "Administrator"),
        [Role.Board] = new("Membre du conseil d'administration", "Board member"),
    }.ToFrozenDictionary();

    private readonly TemplateOptions _options;
    private readonly FrozenDictionary<string, IFluidTemplate> _templates;
    private readonly IFluidTemplate _htmlLayout;
    private readonly IFluidTemplate _textLayout;

    public EmailRenderer()
    {
        var parser = CreateParser();
        _options = CreateOptions();
        _templates = LoadTemplates(parser);
        _htmlLayout = _templates["_layout.html"];
        _textLayout = _templates["_layout.text"];
        foreach (var kind in EmailKinds.Names)
        {
            foreach (var language in Enum.GetValues<Language>())
            {
                if (!_templates.ContainsKey(TemplateName(kind, language)))
                {
                    throw new InvalidOperationException($"Email template {TemplateName(kind, language)}.liquid is missing.");
                }
            }
        }
    }

    private enum Format
    {
        Html,
        Text,
    }

    /// <summary>
    /// Renders <paramref name="model"/> in <paramref name="language"/> for <paramref name="to"/>.
    /// <paramref name="messageId"/> is kept as is: derive it from the notice so a retry carries the same id.
    /// </summary>
    public async Task<EmailMessage> RenderAsync(EmailModel model, EmailAddress to, Language language, string messageId)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);

        var template = _templates[TemplateName(model.Kind, language)];
        var html = await RenderBodyAsync(template, model, language, Format.Html).ConfigureAwait(false);
        var text = await RenderBodyAsync(template, model, language, Format.Text).ConfigureAwait(false);

        var subject = text.Sections.GetValueOrDefault("subject");
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new InvalidOperationException($"Email template {TemplateName(model.Kind, language)} sets no subject.");
        }

        var layout = new LayoutModel(
            Lang: language == Language.En ? "en-CA" : "fr-CA",
            Subject: subject,
            Preheader: text.Sections.GetValueOrDefault("preheader") ?? string.Empty,
            Body: html.Body,
            Reason: html.Sections.GetValueOrDefault("reason") ?? string.Empty,
            Automatic: AutomaticNotice.In(language),
            Brand: BrandModel.Instance);
        var htmlDocument = await RenderLayoutAsync(_htmlLayout, layout, language, Html).ConfigureAwait(false);

        var textLayout = layout with
        {
            Body = NormalizeText(text.Body),
            Reason = Wrap(text.Sections.GetValueOrDefault("reason") ?? string.Empty),
            Automatic = Wrap(layout.Automatic),
        };
        var textDocument = NormalizeText(await RenderLayoutAsync(_textLayout, textLayout, language, NullEncoder.Default).ConfigureAwait(false)) + "\n";

        return new EmailMessage(messageId, to, subject, htmlDocument, textDocument, language);
    }

    private static string TemplateName(string kind, Language language) => $"{kind}.{language.Code()}";

    private async Task<(string Body, Dictionary<string, string> Sections)> RenderBodyAsync(IFluidTemplate template, EmailModel model, Language language, Format format)
    {
        var context = new TemplateContext(model, _options, allowModelMembers: true)
        {
            CultureInfo = language.Culture(),
        };
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        context.AmbientValues[FormatKey] = format;
        context.AmbientValues[LanguageKey] = language;
        context.AmbientValues[SectionPrefix] = sections;
        var body = await template.RenderAsync(context, format == Format.Html ? Html : NullEncoder.Default).ConfigureAwait(false);
        return (body, sections);
    }

    private async Task<string> RenderLayoutAsync(IFluidTemplate layout, LayoutModel model, Language language, TextEncoder encoder)
    {
        var context = new TemplateContext(model, _options, allowModelMembers: true) { CultureInfo = language.Culture() };
        context.AmbientValues[LanguageKey] = language;
        return await layout.RenderAsync(context, encoder).ConfigureAwait(false);
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions
        {
            StrictFilters = true,
            ModelNamesComparer = StringComparer.OrdinalIgnoreCase,
            CultureInfo = CultureInfo.InvariantCulture,
            TimeZone = EmailFormats.BuildingTimeZone,
        };
        // Not StrictVariables: it also throws for a property whose value is null (an optional reason).
        // This throws only for names that are not there at all, such as a typo in a template.
        options.Undefined = name => throw new InvalidOperationException($"Email template uses an undefined variable '{name}'.");
        options.MemberAccessStrategy.IgnoreCasing = true;
        foreach (var type in EmailKinds.Types)
        {
            options.MemberAccessStrategy.Register(type);
        }

        // Records nested in email models (list items) are read by the templates too.
        options.MemberAccessStrategy.Register<PackageEmailItem>();
        options.MemberAccessStrategy.Register<LayoutModel>();
        options.MemberAccessStrategy.Register<BrandModel>();
        options.ValueConverters.Add(value => value switch
        {
            Uri uri => new StringValue(uri.AbsoluteUri),
            Role role => new StringValue(role.ToString()),
            Carrier carrier => new StringValue(carrier.ToString()),
            PackageSize size => new StringValue(size.ToString()),
            PackageFlag flag => new StringValue(flag.ToString()),

            // Kept as a date for the day filter (Fluid would otherwise turn it into a midnight instant).
            DateOnly date => new ObjectValue(date),
            _ => null,
        });
        options.Filters.AddFilter("datetime", (input, _, context) =>
        {
            if (input.ToObjectValue() is not DateTimeOffset instant)
            {
                throw new InvalidOperationException("The datetime filter takes an instant (DateTimeOffset).");
            }

            return new StringValue(EmailFormats.DateTime(instant, LanguageOf(context)));
        });
        options.Filters.AddFilter("role", (input, _, context) =>
        {
            var role = Enum.Parse<Role>(input.ToStringValue());
            return new StringValue(RoleNames[role].In(LanguageOf(context)));
        });
        options.Filters.AddFilter("day_time", (input, _, context) =>
        {
            if (input.ToObjectValue() is not DateTimeOffset instant)
            {
                throw new InvalidOperationException("The day_time filter takes an instant (DateTimeOffset).");
            }

            return new StringValue(EmailFormats.DayAndTime(instant, LanguageOf(context)));
        });
        options.Filters.AddFilter("day", (input, _, context) =>
        {
            if (input.ToObjectValue() is not DateOnly date)
            {
                throw new InvalidOperationException("The day filter takes a date (DateOnly).");
            }

            return new StringValue(EmailFormats.Day(date, LanguageOf(context)));
        });
        options.Filters.AddFilter("localized", (input, _, context) =>
        {
            if (input.ToObjectValue() is not LocalizedText text)
            {
                throw new InvalidOperationException("The localized filter takes a LocalizedText.");
            }

            return new StringValue(text.In(LanguageOf(context)));
        });
        options.Filters.AddFilter("carrier", (input, _, context) =>
            new StringValue(PackageTexts.CarrierName(Enum.Parse<Carrier>(input.ToStringValue())).In(LanguageOf(context))));
        options.Filters.AddFilter("package_size", (input, _, context) =>
            new StringValue(PackageTexts.SizeName(Enum.Parse<PackageSize>(input.ToStringValue())).In(LanguageOf(context))));
        options.Filters.AddFilter("package_flags", (input, _, context) =>
        {
            var language = LanguageOf(context);
            var names = input.Enumerate(context).Select(v => PackageTexts.FlagName(Enum.Parse<PackageFlag>(v.ToStringValue())).In(language));
            return new StringValue(string.Join(", ", names));
        });
        return options;
    }

    private static Language LanguageOf(TemplateContext context) =>
        context.AmbientValues.TryGetValue(LanguageKey, out var value) && value is Language language ? language : Languages.Default;

    private static FrozenDictionary<string, IFluidTemplate> LoadTemplates(FluidParser parser)
    {
        var assembly = typeof(EmailRenderer).Assembly;
        var templates = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var source = reader.ReadToEnd();
            if (!parser.TryParse(source, out var template, out var error))
            {
                throw new InvalidOperationException($"Email template {resource} does not parse: {error}");
            }

            var name = resource[ResourcePrefix.Length..^".liquid".Length];
            templates[name] = template;
        }

        return templates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FluidParser CreateParser()
    {
        var parser = new FluidParser();

        parser.RegisterEmptyBlock("subject", (statements, _, _, context) => CaptureAsync("subject", statements, context));
        parser.RegisterEmptyBlock("preheader", (statements, _, _, context) => CaptureAsync("preheader", statements, context));
        parser.RegisterEmptyBlock("reason", async (statements, _, encoder, context) =>
        {
            var inner = Collapse(await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false));
            Sections(context)["reason"] = inner;
            return Completion.Normal;
        });

        parser.RegisterEmptyBlock("heading", async (statements, writer, encoder, context) =>
        {
            var inner = Collapse(await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false));
            await writer.WriteAsync(IsHtml(context)
                ? $"<h1 style=\"margin:0 0 20px 0;font-family:{EmailBrand.FontStack};font-size:24px;line-height:1.3;font-weight:bold;color:{EmailBrand.Primary};\">{inner}</h1>\n"
                : $"{Wrap(inner)}\n{new string('-', Math.Min(inner.Length, TextWidth))}\n\n").ConfigureAwait(false);
            return Completion.Normal;
        });

        parser.RegisterEmptyBlock("paragraph", (statements, writer, encoder, context) =>
            ParagraphAsync(statements, writer, encoder, context, $"margin:0 0 16px 0;font-family:{EmailBrand.FontStack};font-size:16px;line-height:1.5;color:{EmailBrand.Text};"));

        parser.RegisterEmptyBlock("note", (statements, writer, encoder, context) =>
            ParagraphAsync(statements, writer, encoder, context, $"margin:0 0 16px 0;font-family:{EmailBrand.FontStack};font-size:14px;line-height:1.5;color:{EmailBrand.MutedText};"));

        parser.RegisterEmptyBlock("callout", async (statements, writer, encoder, context) =>
        {
            var inner = await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false);
            await writer.WriteAsync(IsHtml(context)
                ? $"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 16px 0;\"><tr><td style=\"border-left:4px solid {EmailBrand.Gold};background-color:{EmailBrand.Page};padding:16px 16px 0 16px;\">\n{inner}</td></tr></table>\n"
                : inner + "\n\n").ConfigureAwait(false);
            return Completion.Normal;
        });

        // A bulleted list: {% list %}{% item %}…{% enditem %}{% endlist %}. In text, "- " and a hanging indent.
        parser.RegisterEmptyBlock("list", async (statements, writer, encoder, context) =>
        {
            var inner = await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false);
            await writer.WriteAsync(IsHtml(context)
                ? $"<ul style=\"margin:0 0 16px 0;padding:0 0 0 24px;font-family:{EmailBrand.FontStack};font-size:16px;line-height:1.5;color:{EmailBrand.Text};\">\n{inner}</ul>\n"
                : inner.TrimEnd('\n') + "\n\n").ConfigureAwait(false);
            return Completion.Normal;
        });

        parser.RegisterEmptyBlock("item", async (statements, writer, encoder, context) =>
        {
            var inner = Collapse(await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false));
            await writer.WriteAsync(IsHtml(context)
                ? $"<li style=\"margin:0 0 8px 0;\">{inner}</li>\n"
                : "- " + Wrap(inner, TextWidth - 2).Replace("\n", "\n  ", StringComparison.Ordinal) + "\n").ConfigureAwait(false);
            return Completion.Normal;
        });

        parser.RegisterExpressionBlock("button", async (expression, statements, writer, encoder, context) =>
        {
            var url = await UrlAsync(expression, context).ConfigureAwait(false);
            var label = Collapse(await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false));
            await writer.WriteAsync(IsHtml(context)
                ? $"<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:8px 0 24px 0;\"><tr><td style=\"border-radius:6px;background-color:{EmailBrand.Primary};\">"
                  + $"<a href=\"{encoder.Encode(url)}\" style=\"display:inline-block;padding:14px 28px;font-family:{EmailBrand.FontStack};font-size:16px;line-height:1.2;font-weight:bold;color:{EmailBrand.OnPrimary};text-decoration:none;border-radius:6px;\">{label}</a></td></tr></table>\n"
                : $"{Wrap(label)}\n{url}\n\n").ConfigureAwait(false);
            return Completion.Normal;
        });

        parser.RegisterExpressionBlock("link", async (expression, statements, writer, encoder, context) =>
        {
            var url = await UrlAsync(expression, context).ConfigureAwait(false);
            var label = Collapse(await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false));
            await writer.WriteAsync(IsHtml(context)
                ? $"<p style=\"margin:0 0 16px 0;font-family:{EmailBrand.FontStack};font-size:16px;line-height:1.5;color:{EmailBrand.Text};\"><a href=\"{encoder.Encode(url)}\" style=\"color:{EmailBrand.Primary};text-decoration:underline;\">{label}</a></p>\n"
                : $"{Wrap(label)}\n{url}\n\n").ConfigureAwait(false);
            return Completion.Normal;
        });

        // The plain-text part already shows every link on its own line, so the fallback is HTML only.
        parser.RegisterExpressionBlock("link_fallback", async (expression, statements, writer, encoder, context) =>
        {
            var url = await UrlAsync(expression, context).ConfigureAwait(false);
            var label = Collapse(await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false));
            if (IsHtml(context))
            {
                await writer.WriteAsync(
                    $"<p style=\"margin:0 0 16px 0;font-family:{EmailBrand.FontStack};font-size:14px;line-height:1.5;color:{EmailBrand.MutedText};\">{label}<br />"
                    + $"<a href=\"{encoder.Encode(url)}\" style=\"color:{EmailBrand.Primary};text-decoration:underline;word-break:break-all;\">{encoder.Encode(url)}</a></p>\n").ConfigureAwait(false);
            }

            return Completion.Normal;
        });

        parser.RegisterExpressionBlock("code", async (expression, statements, writer, encoder, context) =>
        {
            var code = (await expression.EvaluateAsync(context).ConfigureAwait(false)).ToStringValue();
            var label = Collapse(await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false));
            await writer.WriteAsync(IsHtml(context)
                ? $"<p style=\"margin:0 0 8px 0;font-family:{EmailBrand.FontStack};font-size:16px;line-height:1.5;color:{EmailBrand.Text};\">{label}</p>\n"
                  + $"<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 24px 0;\"><tr><td style=\"background-color:{EmailBrand.Page};border-left:4px solid {EmailBrand.Gold};padding:12px 20px;font-family:{EmailBrand.MonoStack};font-size:28px;line-height:1.2;font-weight:bold;letter-spacing:4px;color:{EmailBrand.Text};\">{encoder.Encode(code)}</td></tr></table>\n"
                : $"{Wrap(label)}\n\n    {code}\n\n").ConfigureAwait(false);
            return Completion.Normal;
        });

        return parser;
    }

    private static async ValueTask<Completion> ParagraphAsync(IReadOnlyList<Statement> statements, TextWriter writer, TextEncoder encoder, TemplateContext context, string style)
    {
        var inner = Collapse(await RenderInnerAsync(statements, encoder, context).ConfigureAwait(false));
        await writer.WriteAsync(IsHtml(context) ? $"<p style=\"{style}\">{inner}</p>\n" : Wrap(inner) + "\n\n").ConfigureAwait(false);
        return Completion.Normal;
    }

    private static async ValueTask<Completion> CaptureAsync(string section, IReadOnlyList<Statement> statements, TemplateContext context)
    {
        // Subject and preheader are plain text in both passes; the layout encodes them where needed.
        Sections(context)[section] = Collapse(await RenderInnerAsync(statements, NullEncoder.Default, context).ConfigureAwait(false));
        return Completion.Normal;
    }

    private static async ValueTask<string> UrlAsync(Expression expression, TemplateContext context)
    {
        var value = (await expression.EvaluateAsync(context).ConfigureAwait(false)).ToStringValue();
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException("An email link must be an absolute http(s) URL.");
        }

        return uri.AbsoluteUri;
    }

    private static async ValueTask<string> RenderInnerAsync(IReadOnlyList<Statement> statements, TextEncoder encoder, TemplateContext context)
    {
        using var inner = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var statement in statements)
        {
            var completion = await statement.WriteToAsync(inner, encoder, context).ConfigureAwait(false);
            if (completion != Completion.Normal)
            {
                break;
            }
        }

        return inner.ToString();
    }

    private static bool IsHtml(TemplateContext context) =>
        context.AmbientValues.TryGetValue(FormatKey, out var format) && format is Format.Html;

    private static Dictionary<string, string> Sections(TemplateContext context) =>
        (Dictionary<string, string>)context.AmbientValues[SectionPrefix];

    /// <summary>Template line breaks and indentation become single spaces; no-break spaces stay.</summary>
    private static string Collapse(string value) => AsciiWhitespace().Replace(value, " ").Trim(' ');

    /// <summary>Word-wraps plain text at spaces only, so no-break spaces ("14 h 05") and URLs stay whole.</summary>
    private static string Wrap(string paragraph) => Wrap(paragraph, TextWidth);

    private static string Wrap(string paragraph, int width)
    {
        var builder = new StringBuilder(paragraph.Length + 8);
        var lineLength = 0;
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineLength > 0 && lineLength + 1 + word.Length > width)
            {
                builder.Append('\n');
                lineLength = 0;
            }
            else if (lineLength > 0)
            {
                builder.Append(' ');
                lineLength++;
            }

            builder.Append(word);
            lineLength += word.Length;
        }

        return builder.ToString();
    }

    private static string NormalizeText(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd(' ', '\t'));
        return ExtraBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n');
    }

    [GeneratedRegex("[ \t\r\n]+")]
    private static partial Regex AsciiWhitespace();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex ExtraBlankLines();

    private sealed record LayoutModel(string Lang, string Subject, string Preheader, string Body, string Reason, string Automatic, BrandModel Brand);

    private sealed record BrandModel(
        string Primary, string Gold, string Text, string Muted, string OnPrimary, string Card, string Page, string Rule, string Font, string Name, string Address)
    {
        public static readonly BrandModel Instance = new(
            EmailBrand.Primary,
            EmailBrand.Gold,
            EmailBrand.Text,
            EmailBrand.MutedText,
            EmailBrand.OnPrimary,
            EmailBrand.Card,
            EmailBrand.Page,
            EmailBrand.Rule,
            EmailBrand.FontStack,
            EmailBrand.Name,
            EmailBrand.PostalAddress);
    }
}
