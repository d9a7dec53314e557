using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace VirtualMeet.Server.Platform.Text;

/// <summary>
/// Unicode normalisation form C (canonical decomposition, canonical ordering, canonical composition; UAX #15).
/// Written here because the server runs with invariant globalization (Directory.Build.props), where
/// <see cref="string.Normalize()"/> leaves text as it is instead of composing it.
/// </summary>
internal static class Nfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly FrozenDictionary<int, (int First, int Second)> Decompositions = ReadDecompositions();
    private static readonly FrozenDictionary<long, int> Compositions = ReadCompositions();
    private static readonly FrozenDictionary<int, byte> CombiningClasses = ReadCombiningClasses();

    /// <summary>The text in NFC, or null when it is not Unicode (a lone surrogate).</summary>
    public static string? Normalize(string text)
    {
        // Below U+0300 nothing decomposes into, reorders or composes with anything: the usual case costs one pass.
        if (text.All(c => c < '\u0300'))
            return text;

        var runes = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
                return null;
            Decompose(rune.Value, runes);
            i += used - 1;
        }

        Reorder(runes);
        Compose(runes);
        var builder = new StringBuilder(text.Length);
        foreach (var value in runes)
            builder.Append(new Rune(value).ToString());
        return builder.ToString();
    }

    private static void Decompose(int value, List<int> into)
    {
        if (value is >= SBase and < SBase + SCount)
        {
            var index = value - SBase;
            into.Add(LBase + index / NCount);
            into.Add(VBase + index % NCount / TCount);
            if (index % TCount != 0)
                into.Add(TBase + index % TCount);
        }
        else if (Decompositions.TryGetValue(value, out var parts))
        {
            Decompose(parts.First, into);
            if (parts.Second != 0)
                Decompose(parts.Second, into);
        }
        else
        {
            into.Add(value);
        }
    }

    // Marks of different classes after one starter go in ascending class order (a stable sort of each run).
    private static void Reorder(List<int> runes)
    {
        for (var i = 1; i < runes.Count; i++)
        {
            var current = runes[i];
            var cls = ClassOf(current);
            if (cls == 0)
                continue;
            var j = i;
            while (j > 0 && ClassOf(runes[j - 1]) > cls)
            {
                runes[j] = runes[j - 1];
                j--;
            }

            runes[j] = current;
        }
    }

    private static void Compose(List<int> runes)
    {
        if (runes.Count == 0)
            return;
        var starter = ClassOf(runes[0]) == 0 ? 0 : -1;
        var last = ClassOf(runes[0]) == 0 ? -1 : 256;
        var write = 1;
        for (var read = 1; read < runes.Count; read++)
        {
            var value = runes[read];
            var cls = ClassOf(value);
            // A mark combines with the last starter unless a mark of the same or a higher class sits between them.
            if (starter >= 0 && (last < cls || last == -1) && TryCompose(runes[starter], value, out var composite))
            {
                runes[starter] = composite;
                continue;
            }

            if (cls == 0)
            {
                starter = write;
                last = -1;
            }
            else
            {
                last = cls;
            }

            runes[write++] = value;
        }

        runes.RemoveRange(write, runes.Count - write);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + second - VBase) * TCount;
            return true;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + second - TBase;
            return true;
        }

        return Compositions.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static int ClassOf(int value) => CombiningClasses.TryGetValue(value, out var cls) ? cls : 0;

    private static FrozenDictionary<int, (int, int)> ReadDecompositions()
    {
        var table = NfcData.Decompositions;
        var map = new Dictionary<int, (int, int)>(table.Length / 3);
        for (var i = 0; i < table.Length; i += 3)
            map[table[i]] = (table[i + 1], table[i + 2]);
        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<long, int> ReadCompositions()
    {
        var table = NfcData.Compositions;
        var map = new Dictionary<long, int>(table.Length / 3);
        for (var i = 0; i < table.Length; i += 3)
            map[((long)table[i] << 21) | (uint)table[i + 1]] = table[i + 2];
        return map.ToFrozenDictionary();
    }

    private static FrozenDictionary<int, byte> ReadCombiningClasses()
    {
        var table = NfcData.CombiningClasses;
        var map = new Dictionary<int, byte>();
        for (var i = 0; i < table.Length; i += 3)
        {
            for (var value = table[i]; value <= table[i + 1]; value++)
                map[value] = (byte)table[i + 2];
        }

        return map.ToFrozenDictionary();
    }
}
