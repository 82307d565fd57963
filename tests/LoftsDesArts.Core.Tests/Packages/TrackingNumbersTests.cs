using System.Text.Json;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Tests.Packages;

public sealed class TrackingNumbersTests
{
    [Theory]
    [InlineData("  1z 999 aa1-0123-456784 ", "1Z999AA10123456784")]
    [InlineData("tba\t123456789012", "TBA123456789012")]
    [InlineData("ab–123–456–789–ca", "AB123456789CA")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData(" - - ", "")]
    public void Normalize_TypedOrScannedInput_IsUpperCaseWithoutSpacesOrDashes(string? input, string expected) =>
        Assert.Equal(expected, TrackingNumbers.Normalize(input));

    [Fact]
    public void Validate_AcceptableNumber_ReturnsNormalizedForm() =>
        Assert.Equal("1Z999AA10123456784", TrackingNumbers.Validate(" 1z999aa1 0123456784"));

    [Theory]
    [InlineData(null, "Entrez le numéro de suivi.", "Enter the tracking number.")]
    [InlineData("  -  ", "Entrez le numéro de suivi.", "Enter the tracking number.")]
    [InlineData("AB-12", "Le numéro de suivi doit compter au moins 6 caractères.", "The tracking number must be at least 6 characters long.")]
    [InlineData("12345678901234567890123456789012345678901", "Le numéro de suivi ne peut dépasser 40 caractères.", "The tracking number cannot exceed 40 characters.")]
    [InlineData("1Z999AA1#0123456784", "Le numéro de suivi ne peut contenir que des lettres (A à Z) et des chiffres.", "The tracking number can contain only letters (A to Z) and digits.")]
    [InlineData("ÉCOLE123456", "Le numéro de suivi ne peut contenir que des lettres (A à Z) et des chiffres.", "The tracking number can contain only letters (A to Z) and digits.")]
    [InlineData("<script>alert(1)</script>", "Le numéro de suivi ne peut contenir que des lettres (A à Z) et des chiffres.", "The tracking number can contain only letters (A to Z) and digits.")]
    public void Validate_AbsurdNumber_ThrowsFieldErrorInBothLanguages(string? input, string fr, string en)
    {
        var ex = Assert.Throws<DomainException>(() => TrackingNumbers.Validate(input));

        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Equal("validation", ex.Code);
        var message = Assert.Single(ex.FieldErrors);
        Assert.Equal("trackingNumber", message.Key);
        Assert.Equal(new LocalizedText(fr, en), message.Value);
    }

    [Fact]
    public void Validate_ExactlyMinAndMaxLength_AreAccepted()
    {
        Assert.Equal("ABC123", TrackingNumbers.Validate("abc123"));
        Assert.Equal(new string('7', 40), TrackingNumbers.Validate(new string('7', 40)));
        Assert.Null(TrackingNumbers.Check("ABC-123"));
    }

    public static TheoryData<string, Carrier> Samples() => new()
    {
        // UPS: 1Z + 16; the first has a valid check digit, the second a wrong one (the prefix still says UPS).
        { "1Z999AA10123456784", Carrier.Ups },
        { "1Z12345E0205271688", Carrier.Ups },
        { "1ZA1B2C3D4E5F6G7H0", Carrier.Ups },

        // Amazon Logistics.
        { "TBA123456789012", Carrier.Amazon },
        { "TBC000111222333", Carrier.Amazon },
        { "TBM987654321098", Carrier.Amazon },

        // DHL: Express waybill (10 digits), eCommerce JD + 18.
        { "1234567890", Carrier.Dhl },
        { "JD014600003828374562", Carrier.Dhl },

        // Canada Post: domestic 16-digit PIN, UPU S10 ending in CA.
        { "7023210039414604", Carrier.CanadaPost },
        { "RR123456785CA", Carrier.CanadaPost },
        { "LM987654321CA", Carrier.CanadaPost },

        // Purolator PIN: 3 letters + 9 digits.
        { "MTL123456789", Carrier.Purolator },
        { "QCB000000001", Carrier.Purolator },

        // FedEx: 12 digits with a valid Express check digit, 15 (Ground), 20, 22 starting with 96.
        { "123456789012", Carrier.FedEx },
        { "401234567895", Carrier.FedEx },
        { "612345678901234", Carrier.FedEx },
        { "00012345678901234567", Carrier.FedEx },
        { "9612019012345678901234", Carrier.FedEx },

        // Ambiguous or unknown: Other.
        { "401234567896", Carrier.Other },         // 12 digits, FedEx check digit fails: FedEx typo or Purolator
        { "9212345678901234567890", Carrier.Other }, // 22 digits not starting with 96 (USPS-like)
        { "RR123456785US", Carrier.Other },       // S10 from another country
        { "1Z999AA1012345678", Carrier.Other },   // 1Z + 15: too short for UPS
        { "TBA12345678901", Carrier.Other },      // TBA + 11
        { "ABCDEF", Carrier.Other },
        { "123456", Carrier.Other },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void DetectCarrier_RealisticNumber_IsRecognized(string number, Carrier expected)
    {
        Assert.Equal(expected, TrackingNumbers.DetectCarrier(number));
        Assert.Null(TrackingNumbers.Check(number));
    }

    [Theory]
    [InlineData("1Z999AA10123456784", true)]
    [InlineData("1Z12345E0205271686", true)]
    [InlineData("1Z12345E0205271688", false)]
    [InlineData("1ZA1B2C3D4E5F6G7H0", true)]
    [InlineData("1ZA1B2C3D4E5F6G7HX", false)]
    [InlineData("123456789012", false)]
    public void HasValidUpsCheckDigit_Number_MatchesTheUpsAlgorithm(string number, bool valid) =>
        Assert.Equal(valid, TrackingNumbers.HasValidUpsCheckDigit(number));

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("987654321010", true)]
    [InlineData("777777777700", true)]
    [InlineData("123456789013", false)]
    [InlineData("12345678901", false)]
    [InlineData("12345678901A", false)]
    public void HasValidFedExExpressCheckDigit_Number_MatchesTheMod11Algorithm(string number, bool valid) =>
        Assert.Equal(valid, TrackingNumbers.HasValidFedExExpressCheckDigit(number));

    [Theory]
    [InlineData(Carrier.CanadaPost, "\"canada-post\"")]
    [InlineData(Carrier.Purolator, "\"purolator\"")]
    [InlineData(Carrier.Ups, "\"ups\"")]
    [InlineData(Carrier.FedEx, "\"fedex\"")]
    [InlineData(Carrier.Dhl, "\"dhl\"")]
    [InlineData(Carrier.Amazon, "\"amazon\"")]
    [InlineData(Carrier.Other, "\"other\"")]
    public void Carrier_InStoredJson_UsesTheKebabCaseWireName(Carrier carrier, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(carrier, StoreJson.Options));
        Assert.Equal(carrier, JsonSerializer.Deserialize<Carrier>(json, StoreJson.Options));
    }

    [Fact]
    public void SizeAndFlag_InStoredJson_UseTheContractWireNames()
    {
        Assert.Equal("[\"envelope\",\"small\",\"large\",\"oversized\"]", JsonSerializer.Serialize(Enum.GetValues<PackageSize>(), StoreJson.Options));
        Assert.Equal("[\"perishable\",\"signature-required\",\"fragile\"]", JsonSerializer.Serialize(Enum.GetValues<PackageFlag>(), StoreJson.Options));
    }

    [Fact]
    public void Names_OfEveryCarrierSizeAndFlag_ExistInBothLanguages()
    {
        Assert.Equal(new LocalizedText("Postes Canada", "Canada Post"), PackageTexts.CarrierName(Carrier.CanadaPost));
        Assert.Equal(new LocalizedText("Autre", "Other"), PackageTexts.CarrierName(Carrier.Other));
        Assert.Equal(new LocalizedText("Signature requise", "Signature required"), PackageTexts.FlagName(PackageFlag.SignatureRequired));
        var all = Enum.GetValues<Carrier>().Select(PackageTexts.CarrierName)
            .Concat(Enum.GetValues<PackageSize>().Select(PackageTexts.SizeName))
            .Concat(Enum.GetValues<PackageFlag>().Select(PackageTexts.FlagName));
        Assert.All(all, t => Assert.False(string.IsNullOrWhiteSpace(t.Fr) || string.IsNullOrWhiteSpace(t.En)));
    }
}
