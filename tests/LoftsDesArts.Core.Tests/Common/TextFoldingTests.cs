using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Tests.Common;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Éloïse", "eloise")]
    [InlineData("  CÔTÉ   des Neiges ", "cote des neiges")]
    [InlineData("Cœur", "coeur")]
    [InlineData("", "")]
    public void Fold_AccentsCaseAndSpaces_AreFolded(string input, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(input));
}
