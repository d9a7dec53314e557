using System.Buffers;
using System.Text;

namespace VirtualMeet.SignalR.Redis.Internal;

/// Writes the primitives of the envelope format: 7-bit varints and length-prefixed UTF-8 strings.
internal sealed class EnvelopeWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public EnvelopeWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteVarInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarInt((ulong)length);
        var span = _buffer.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        _buffer.Advance(length);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteVarInt((ulong)value.Length);
        _buffer.Write(value);
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}

/// Reads what <see cref="EnvelopeWriter"/> wrote. Byte payloads are slices of the received array (no copy),
/// which is safe because each received Redis message owns its array.
internal ref struct EnvelopeReader(ReadOnlyMemory<byte> data)
{
    private readonly ReadOnlyMemory<byte> _data = data;
    private int _position;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw new InvalidDataException("Backplane envelope ended early.");
        }

        return _data.Span[_position++];
    }

    public ulong ReadVarInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("Malformed varint in backplane envelope.");
    }

    public int ReadLength()
    {
        var length = ReadVarInt();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new InvalidDataException("Length in backplane envelope exceeds the message.");
        }

        return (int)length;
    }

    public string ReadString()
    {
        var length = ReadLength();
        var value = Encoding.UTF8.GetString(_data.Span.Slice(_position, length));
        _position += length;
        return value;
    }

    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = ReadLength();
        var value = _data.Slice(_position, length);
        _position += length;
        return value;
    }
}
