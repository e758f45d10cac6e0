// Packs small unsigned fields into 32-bit words. A field never spans two words, so reading
// one is a shift and a mask. Fields are placed first-fit, in the order they are declared.

export type Field = { readonly word: number; readonly shift: number; readonly mask: number };

export class BitLayout {
  private readonly used: number[] = [];

  /** Reserves a field that holds 0..maxValue. */
  field(maxValue: number): Field {
    const bits = Math.max(1, 32 - Math.clz32(maxValue));
    if (bits > 31) throw new Error("a field holds at most 31 bits");
    let word = this.used.findIndex((u) => u + bits <= 32);
    if (word < 0) {
      word = this.used.length;
      this.used.push(0);
    }
    const shift = this.used[word]!;
    this.used[word] = shift + bits;
    return { word, shift, mask: (1 << bits) - 1 };
  }

  get words(): number {
    return this.used.length;
  }

  get bits(): number {
    return this.used.reduce((a, b) => a + b, 0);
  }
}

export function getField(words: Int32Array, offset: number, f: Field): number {
  return (words[offset + f.word]! >>> f.shift) & f.mask;
}

export function setField(words: Int32Array, offset: number, f: Field, value: number): void {
  const i = offset + f.word;
  words[i] = (words[i]! & ~(f.mask << f.shift)) | (value << f.shift);
}

/** Where a layout's fields lie, by field id: word, shift and mask. */
export type FieldPositions = { readonly fw: ArrayLike<number>; readonly fs: ArrayLike<number>; readonly fm: ArrayLike<number> };

/** JavaScript that reads field f from the word named `word(index)` ("w3", "out[3]"): a shift and a mask, as numbers, for code compiled per layout. */
export function fieldSource(L: FieldPositions, f: number, word: (index: number) => string): string {
  return `((${word(L.fw[f]!)} >>> ${L.fs[f]}) & ${L.fm[f]})`;
}
