import { expect, it } from 'vitest';
import { ListNews } from '../../../signaling/calls/list-news.js';

it('a specialist a ring told of a new call has no news of it; everyone else on the line has', () => {
  const news = new ListNews();
  news.itemChanged('line-1', 'call-1');
  news.toldOf('call-1', ['a', 'b']);
  expect(['a', 'b', 'c'].map((u) => news.newsFor('line-1', u))).toEqual([false, false, true]);
  expect(news.newsFor('line-2', 'c')).toBe(false);
  expect(news.lines()).toEqual(['line-1']);
});

it('being told of one change is not being told of the next: a decline, then the call answered in the same turn', () => {
  const news = new ListNews();
  news.toldOf('call-1', ['x']); // x declined: its ring-stop keeps the call in x's list
  news.itemChanged('line-1', 'call-1'); // answered: the call leaves every list
  news.toldOf('call-1', ['y']); // the ring-stop goes to whoever it still rang for
  expect(news.newsFor('line-1', 'x')).toBe(true);
  expect(news.newsFor('line-1', 'y')).toBe(false);
});

it('a whole line is news to all of its specialists until cleared', () => {
  const news = new ListNews();
  news.lineChanged('line-1');
  expect(news.newsFor('line-1', 'anyone')).toBe(true);
  news.clear();
  expect([news.newsFor('line-1', 'anyone'), news.lines()]).toEqual([false, []]);
});
