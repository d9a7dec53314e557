using VirtualMeet.Contracts.Bars;
using VirtualMeet.Contracts.Events;

namespace VirtualMeet.Server.Features.Networking.Bars;

/// <summary>
/// The public bars and tables of an event, from its definition, with names in one language. A defined bar with the
/// reserved id <see cref="BarIds.Meetings"/> is left out: that id stands for the private meeting tables.
/// </summary>
internal sealed record BarLayout(IReadOnlyList<BarLayout.Bar> Bars)
{
    public static BarLayout Of(EventDefinition definition, string language) =>
        new((definition.Bars ?? []).Where(b => b.Id != BarIds.Meetings).Select(b => new Bar(b.Id, NameOf(b.Name, language), b.Tables)).ToList());

    public TableDefinition? Find(string barId, string tableId) =>
        Bars.FirstOrDefault(b => b.Id == barId)?.Tables.FirstOrDefault(t => t.Id == tableId);

    public IEnumerable<(Bar Bar, TableDefinition Table)> Tables() => Bars.SelectMany(b => b.Tables.Select(t => (b, t)));

    private static string NameOf(LocalizedText text, string language) =>
        (language == "en" ? text.En ?? text.De : text.De ?? text.En) ?? "";

    internal sealed record Bar(string Id, string Name, IReadOnlyList<TableDefinition> Tables);
}
