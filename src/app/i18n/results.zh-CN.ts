/** Messages of the public results page (its own entry, results.html): kept apart so it bundles nothing else. */
import { roundNamesZhCN } from './round-names';
export const resultsZhCN = {
  title: '鼓楼区居民满意度测评结果',
  switchTo: 'English',
  round: '测评轮次',
  roundIs: '测评轮次：{round}',
  roundNames: roundNamesZhCN,
  published: '公布日期：{date}',
  synthetic: '演示数据：以下结果由程序生成，并非真实测评。',
  loading: '正在加载…',
  error: '暂时无法加载结果，请稍后再试。',
  none: '目前还没有公布的测评结果。',
  rankingTitle: '各街道得分与排名',
  rankingIntro: '按得分从高到低排列。排名写作“3–6”表示数据只能确定它在第 3 到第 6 名之间，与相邻街道并列。',
  rank: '第 {rank} 名',
  tied: '并列',
  score: '得分',
  interval: '95% 区间 {low}–{high}',
  n: '{n} 份问卷',
  fewerThan: '样本少于 {k} 份，不公布',
  tooFew: '样本过少，无法估计',
  details: '查看详情',
  back: '返回全部街道',
  dimensions: '各维度得分',
  communities: '各社区得分',
  communitiesIntro: '社区样本较小，区间较宽；少于 {k} 份问卷的社区不公布得分。',
  method: {
    title: '得分是怎么算出来的',
    points: [
      '每位受访居民对各项服务的评价按满意程度换算成 0–100 分，“非常满意”最高；“不了解”不计分，也不算作 0 分。',
      '每个街道的得分把入户走访和网上评价、不同居民群体的结果按固定比例合成；分值和比例在本轮开始前确定，不再改动（见下方评分设置版本）。',
      '每个得分都附有“95% 区间”：调查只问了部分居民，真实水平大概率落在这个区间内。问卷越多，区间越窄。',
      '两个街道的差距小于调查误差时，我们不强行分出先后，而是写成并列的名次范围，例如“3–6”。',
      '问卷少于 {k} 份的群体不公布结果，以保护受访者并避免误读。',
    ],
  },
  settingsVersion: '评分设置第 {version} 版',
};

export type ResultsMessages = typeof resultsZhCN;
