import { describe, expect, it } from '@jest/globals';
import { findRubyTest } from '../../../src/verify/test-finders/ruby.js';
import { lookUpTest } from '../../../src/verify/test-finders/index.js';

const SPEC = `require "spec_helper"

RSpec.describe Cart do
  describe "#add" do
    context "with one item" do
      it "counts it" do
        expect(cart.add(item).size).to eq(1)
      end

      it "keeps the price" do
        expect(cart.total).to eq(item.price)
      end
    end
  end

  it "starts empty" do
    expect(Cart.new).to be_empty
  end
end
`;

const lines = (name: string) => findRubyTest(SPEC, name).map((d) => d.line);

describe('findRubyTest', () => {
  it('finds an example by its title alone', () => {
    expect(lines('counts it')).toEqual([6]);
  });

  it('finds an example by its full description: the describe/context chain and the title', () => {
    expect(lines('Cart #add with one item counts it')).toEqual([6]);
    expect(lines('Cart > #add > with one item > keeps the price')).toEqual([10]);
    expect(lines('Cart starts empty')).toEqual([16]);
  });

  it('refuses a chain the example is not in', () => {
    expect(lines('Order #add with one item counts it')).toEqual([]);
    expect(lines('Cart with one item starts empty')).toEqual([]);
  });

  it('finds the example that holds a cited line (spec.rb:42), from its first line to its end', () => {
    expect(lines('6')).toEqual([6]);
    expect(lines(':7')).toEqual([6]);
    expect(lines(':8')).toEqual([6]);
    expect(lines(':10')).toEqual([10]);
    expect(lines(':17')).toEqual([16]);
  });

  it('finds no example at a line that holds none', () => {
    expect(lines(':1')).toEqual([]);
    expect(lines(':9')).toEqual([]);
    expect(lines(':400')).toEqual([]);
  });

  it('finds Minitest test_ methods', () => {
    expect(findRubyTest('class CartTest < Minitest::Test\n  def test_total\n    assert_equal 0, Cart.new.total\n  end\nend\n', 'test_total').map((d) => d.line)).toEqual([2]);
  });
});

describe('RSpec examples through lookUpTest', () => {
  it('says found for an example that expects, by title or by line', () => {
    expect(lookUpTest('spec/cart_spec.rb', SPEC, 'Cart #add with one item counts it')).toMatchObject({ status: 'found', definition: { line: 6 } });
    expect(lookUpTest('spec/cart_spec.rb', SPEC, ':11')).toMatchObject({ status: 'found', definition: { line: 10 } });
  });

  it('does not count an example named only in a comment', () => {
    expect(lookUpTest('spec/cart_spec.rb', 'describe Cart do\n  # it "is gone" do\n  #   expect(1).to eq 1\n  # end\nend\n', 'is gone')).toEqual({ status: 'not-found' });
  });

  it.each([
    ['pending', 'describe Cart do\n  it "totals" do\n    pending\n  end\nend\n', 'only `pending`'],
    ['pending with a reason', 'describe Cart do\n  it "totals" do\n    pending "needs prices"\n  end\nend\n', 'only `pending'],
    ['skip', 'describe Cart do\n  it "totals" do\n    skip "later"\n  end\nend\n', 'only `skip'],
    ['no block at all', 'describe Cart do\n  it "totals"\nend\n', 'empty'],
    ['an empty block', 'describe Cart do\n  it "totals" do\n    # TODO\n  end\nend\n', 'empty'],
    ['raise NotImplementedError', 'describe Cart do\n  it "totals" do\n    raise NotImplementedError\n  end\nend\n', 'stub'],
  ])('calls an example with %s hollow', (_, text, why) => {
    expect(lookUpTest('spec/cart_spec.rb', text, 'totals')).toMatchObject({ status: 'hollow', why: expect.stringContaining(why) });
  });
});
